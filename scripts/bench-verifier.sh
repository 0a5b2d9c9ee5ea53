#!/bin/sh
# make bench, verifier rows (issue 4, Performance): for every program of the
# verifier corpus (tests/verifier: the hand cases and VCORPUS_COUNT vgen
# programs), the processed-instruction count and the verification time of
# ours beside Linux's, measured in the same run on the same machine:
#   Linux: vlinux loads each program BENCH_VREPEAT times (default 5) with
#          BPF_PROG_LOAD; its "processed N insns" and the median wall time
#          of the load (record-linux.sh).
#   ours:  vbench runs bpf_verify_insns() in-process on the same bytes, up to
#          BENCH_VREPEAT times (median), with the same log level.
# Only programs both verifiers decide the same way are compared (all of the
# privileged corpus, tier 45). Prints a table (median, p90 and max of the
# per-program ratios ours/Linux, for the count and the time, and how many
# programs have a count <= Linux's) and appends rows to $BUILD/bench.tsv.
# Never part of `make test`: timings are not assertions.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
REPEAT=${BENCH_VREPEAT:-5}
tsv=$BUILD/bench.tsv
work=$BUILD/bench-verifier
linux=linux-$(uname -r | cut -d. -f1,2)
vbench=$BUILD/tests/verifier/vbench

for tool in "$vbench" "$BUILD/tests/verifier/vlinux" "$BUILD/tests/verifier/vgen"; do
	[ -x "$tool" ] || { echo "bench-verifier: $tool not built (make bench-tools)" >&2; exit 1; }
done
rm -rf "$work" && mkdir -p "$work" || exit 1
VCORPUS_REPEAT=$REPEAT sh tests/verifier/record-linux.sh "$work" || exit 1
if ! awk -F'\t' '$4 == "accept" { found = 1 } END { exit !found }' "$work/verifier-linux.tsv"; then
	echo "bench-verifier: skipped: Linux's bpf(BPF_PROG_LOAD) accepted nothing here"
	exit 0
fi
[ -s "$tsv" ] || printf 'name\tours\tbaseline\tbaseline_value\tunit\tratio\n' >"$tsv"

# The plan of vbench: each decided program, its bytes and bpfrun-style options
# (as tests/verifier/ours.sh builds them; a log_size or license header is left out).
awk -F'\t' -v cases=tests/verifier/cases -v gen="$work/gen" -v bins="$work/bin" '
	NR > 1 && ($4 == "accept" || $4 == "reject") {
		file = ($1 ~ /^gen-/ ? gen : cases) "/" $1 ".s"
		opts = "--type " $2 ($3 == "bpf" ? " --cap-bpf" : $3 == "none" ? " --unpriv" : "")
		skip = 0
		while ((getline l < file) > 0 && l ~ /^;/) {
			if (l ~ /^; maps:/) {
				sub(/^; maps: */, "", l)
				n = split(l, m, /[ \t]+/)
				for (i = 1; i <= n; i++)
					if (m[i] != "")
						opts = opts " --map " m[i]
			} else if (l ~ /^; log_level:/) {
				sub(/^; log_level: */, "", l)
				opts = opts " --log-level " l
			} else if (l ~ /^; (license|log_size):/)
				skip = 1
		}
		close(file)
		bin = bins "/" $1 ".bin"
		if ((getline l < bin) >= 0) {
			close(bin)
			file = bin
		}
		if (!skip)
			printf "%s\t%s\t%s\n", $1, file, opts
	}' "$work/verifier-linux.tsv" >"$work/plan" || exit 1
"$vbench" --repeat "$REPEAT" <"$work/plan" >"$work/ours.tsv" 2>"$work/vbench.err" || exit 1

# Join on the name: name linux_decision ours_decision linux_count ours_count linux_ns ours_ns.
awk -F'\t' 'NR == FNR { if (FNR > 1) { d[$1] = $4; c[$1] = $7; t[$1] = $8 } next }
	($1 in d) { printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", $1, d[$1], $2, c[$1], $3, t[$1], $4 }' \
	"$work/verifier-linux.tsv" "$work/ours.tsv" >"$work/joined.tsv"

# stats COLUMN_A COLUMN_B: "n median p90 max le" of the ratios $A/$B over the
# programs both decide alike with positive figures (le: how many ratios <= 1).
stats() {
	awk -F'\t' -v a="$1" -v b="$2" '$2 == $3 && $a > 0 && $b > 0 {
		r = $a / $b; print r }' "$work/joined.tsv" | sort -g |
		awk '{ v[NR] = $1; if ($1 <= 1) le++ }
		END { if (!NR) { print "0 nan nan nan 0"; exit }
		      i = int(NR * 0.9 + 0.5); if (i < 1) i = 1
		      printf "%d %.3f %.3f %.3f %d\n", NR, v[int((NR + 1) / 2)], v[i], v[NR], le }'
}
# sum COLUMN: the median of a column over the same programs.
colmedian() {
	awk -F'\t' -v c="$1" '$2 == $3 && $4 > 0 && $5 > 0 && $6 > 0 && $7 > 0 { print $c }' \
		"$work/joined.tsv" | sort -g | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "nan" }'
}

set -- $(stats 5 4)
cn=$1 cmed=$2 cp90=$3 cmax=$4 cle=$5
set -- $(stats 7 6)
tn=$1 tmed=$2 tp90=$3 tmax=$4 tle=$5
total=$(wc -l <"$work/joined.tsv")
differ=$(awk -F'\t' '$2 != $3' "$work/joined.tsv" | wc -l)
ours_ns=$(colmedian 7)
linux_ns=$(colmedian 6)

printf '\nverifier: %d corpus programs (%d decided differently, left out)\n' "$total" "$differ"
printf '%-34s %8s %8s %8s   %s\n' "ours / $linux, per program" median p90 max "programs <= Linux"
printf '%-34s %8s %8s %8s   %d of %d\n' "processed insns" "$cmed" "$cp90" "$cmax" "$cle" "$cn"
printf '%-34s %8s %8s %8s   %d of %d\n' "time (verify vs BPF_PROG_LOAD)" "$tmed" "$tp90" "$tmax" \
	"$tle" "$tn"
printf '%-34s %8s ns ours, %s ns Linux\n' "median program's time" "$ours_ns" "$linux_ns"

row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" >>"$tsv"
}
row verifier_insns_ratio_median "$cmed" "$linux-verifier" 1 ratio "$cmed"
row verifier_insns_ratio_p90 "$cp90" "$linux-verifier" 1 ratio "$cp90"
row verifier_insns_ratio_max "$cmax" "$linux-verifier" 1 ratio "$cmax"
row verifier_insns_le_linux_programs "$cle" "$linux-verifier" "$cn" programs \
	"$(awk -v a="$cle" -v b="$cn" 'BEGIN { printf "%.3f", b ? a / b : 0 }')"
row verifier_time_ratio_median "$tmed" "$linux-prog-load" 1 ratio "$tmed"
row verifier_time_ratio_p90 "$tp90" "$linux-prog-load" 1 ratio "$tp90"
row verifier_time_ratio_max "$tmax" "$linux-prog-load" 1 ratio "$tmax"
row verifier_time_median_program "$ours_ns" "$linux-prog-load" "$linux_ns" ns \
	"$(awk -v a="$ours_ns" -v b="$linux_ns" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
exit 0

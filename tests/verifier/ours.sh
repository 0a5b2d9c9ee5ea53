#!/bin/sh
# The comparison driver of the verifier corpus: our verifier (bpfrun verify)
# against Linux's decisions recorded by vlinux.
#
#   sh tests/verifier/ours.sh LINUX_TSV CASES_DIR GEN_DIR BPFRUN BIN_DIR
#
# BIN_DIR holds each program as vlinux loaded it (NAME.bin, written by
# vlinux --bin-dir): bpfrun verify gets those bytes, so both verifiers judge
# the same instructions; the .s is the fallback. priv: bpf cases run with
# --cap-bpf (CAP_BPF without CAP_PERFMON), priv: none with --unpriv.
# Prints tier lines: "not ok verifier-diff/<name>" for every program we
# accept and Linux rejects (a safety disagreement), "# disagree ..." for the
# others (informational, counted), and one "ok"/"not ok verifier-diff/agreement"
# line: accept/reject agreement on privileged loads must be >= 98%.
# Writes the per-program comparison (name, Linux, ours, priv, our last log
# lines, Linux's error, Linux's and our processed-insn counts) beside
# LINUX_TSV and to $BUILD/verifier-diff.tsv.
# When bpfrun verify does not work yet, prints one skip line.
TSV=$1 CASES=$2 GEN=$3 BPFRUN=$4 BINS=$5
BUILD=${BUILD:-build}
OUT=$(dirname "$TSV")/verifier-diff.tsv

# bpfrun verify works when it accepts the minimal program and rejects an
# exit with r0 unset (exit 0 and 1; "not yet" exits 2).
verify_works() {
	[ -x "$BPFRUN" ] || return 1
	"$BPFRUN" verify --type xdp "$CASES/struct-minimal.s" >/dev/null 2>&1 || return 1
	"$BPFRUN" verify --type xdp "$CASES/struct-exit-r0-uninit.s" >/dev/null 2>&1
	[ $? = 1 ]
}
if ! verify_works; then
	echo "skip verifier-diff # bpfrun verify not available yet"
	exit 0
fi

# One line per comparable program: name, Linux decision, priv, Linux's
# processed-insn count, file, bpfrun options, Linux's error line. Programs
# whose header asks for what bpfrun verify cannot express (a license, a log
# buffer size) are left out.
plan() {
	awk -F'\t' -v cases="$CASES" -v gen="$GEN" -v bins="$BINS" '
	NR > 1 && ($4 == "accept" || $4 == "reject") {
		file = ($1 ~ /^gen-/ ? gen : cases) "/" $1 ".s"
		opts = "--type " $2 ($3 == "bpf" ? " --cap-bpf" : $3 == "none" ? " --unpriv" : "")
		skip = ""
		while ((getline l < file) > 0 && l ~ /^;/) {
			if (l ~ /^; maps:/) {
				sub(/^; maps: */, "", l)
				n = split(l, m, /[ \t]+/)
				for (i = 1; i <= n; i++)
					if (m[i] != "")
						opts = opts " --map " m[i]
			} else if (l ~ /^; func_info:/) {
				sub(/^; func_info: */, "", l)
				gsub(/[ \t]+/, ",", l)
				opts = opts " --func-info " l
			} else if (l ~ /^; log_level:/) {
				sub(/^; log_level: */, "", l)
				opts = opts " --log-level " l
			} else if (l ~ /^; (license|log_size):/)
				skip = l
		}
		close(file)
		bin = bins "/" $1 ".bin"
		if ((getline l < bin) >= 0) {
			close(bin)
			file = bin
		}
		if (skip == "")
			printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", $1, $4, $3, $7, file, opts, $10
	}' "$TSV"
}

# Runs ours on each planned program (bpfrun verify gives up after 10 s of
# CPU; VERIFY_TIMEOUT, default 120, bounds the wall time on a busy machine);
# prints "name linux ours priv our-last-lines linux-line linux-processed
# ours-processed". After 3 time-outs
# the programs that cost Linux over 100,000 processed insns are not run any
# more (ours "skip"), so that a slow verifier cannot stretch the tier.
run_ours() {
	log=$(dirname "$TSV")/ours.log
	limit=${VERIFY_TIMEOUT:-120} timeouts=0
	while IFS='	' read -r name linux priv processed file opts line; do
		if [ "$timeouts" -ge 3 ] && [ "$processed" -ge 100000 ]; then
			echo "not run: 3 programs timed out already" >"$log"
			status=125
		else
			# shellcheck disable=SC2086 # opts is a word list on purpose
			timeout "$limit" "$BPFRUN" verify $opts "$file" >"$log" 2>&1 </dev/null
			status=$?
		fi
		case $status in
		0) ours=accept ;;
		1) ours=reject ;;
		124) ours=error timeouts=$((timeouts + 1)) && echo "timed out after $limit s" >>"$log" ;;
		125) ours=skip ;;
		*) ours=error ;;
		esac
		last=$(grep -v '^$' "$log" | tail -n 2 | tr '\t\n' '  ')
		count=$(sed -n 's/^processed \([0-9]*\) insns.*/\1/p' "$log")
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$linux" "$ours" "$priv" "$last" "$line" \
			"$processed" "${count:--1}"
	done
}

plan | run_ours >"$OUT"
cp "$OUT" "$BUILD/verifier-diff.tsv.$$" && mv "$BUILD/verifier-diff.tsv.$$" "$BUILD/verifier-diff.tsv"
awk -F'\t' '
	$3 == "skip" { skipped++; next }
	{
		if ($3 == "error")
			printf "not ok verifier-diff/%s bpfrun verify failed: %s\n", $1, $5
		else if ($2 == "reject" && $3 == "accept")
			printf "not ok verifier-diff/%s we accept, Linux rejects (%s): %s\n", $1, $4, $6
		else if ($2 != $3)
			printf "# disagree verifier-diff/%s (%s) Linux accepts, ours rejects: %s\n", $1, $4, $5
		if ($4 == "root") {
			total++
			if ($2 == $3) agree++
		}
		if ($2 != $3) diff[$2 "/" $3]++
		if ($2 == "accept" && $3 == "accept" && $7 > 0 && $8 > 0)
			ratio[++nratio] = $8 / $7
	}
	END {
		if (skipped)
			printf "# %d heavy programs (over 100,000 insns for Linux) not run after 3 time-outs\n", skipped
		for (k in diff)
			printf "# disagreements Linux/ours %s: %d\n", k, diff[k]
		if (nratio) {
			# insertion sort: a few thousand ratios
			for (i = 2; i <= nratio; i++)
				for (j = i; j > 1 && ratio[j - 1] > ratio[j]; j--) {
					t = ratio[j]; ratio[j] = ratio[j - 1]; ratio[j - 1] = t
				}
			printf "# processed insns ours/Linux over %d programs both accept: median %.2f\n",
				nratio, ratio[int((nratio + 1) / 2)]
		}
		pct = total ? 100 * agree / total : 0
		if (total && pct >= 98)
			printf "ok verifier-diff/agreement %d of %d privileged programs (%.2f%%)\n", agree, total, pct
		else
			printf "not ok verifier-diff/agreement %d of %d privileged programs (%.2f%%), want >= 98%%\n",
				agree, total, pct
	}' "$OUT"

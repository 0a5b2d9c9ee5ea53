#!/bin/sh
# Tier 45: the verifier's differential corpus against the host's Linux verifier.
#
# 1. Every corpus program (tests/verifier/cases/*.s, hand-written, plus
#    VCORPUS_COUNT programs from the seeded generator vgen, seed VCORPUS_SEED)
#    is loaded into the host kernel by vlinux (tests/verifier/record-linux.sh);
#    the results go to $BUILD/verifier-linux.tsv (Linux's decision, errno,
#    processed insns and load time: make bench puts ours beside them).
#    Ours vs Linux goes to $BUILD/verifier-diff.tsv.
# 2. Each hand-written case's "; expect:" must be Linux's real decision, and
#    its "; linux:" text must appear in Linux's errno + error message:
#    "ok vcorpus/<name>".
# 3. When `bpfrun verify` works, every program goes through ours too:
#    agreement on accept/reject for privileged loads must be >= 98%, and
#    every program we accept that Linux rejects is "not ok"; the other
#    disagreements are listed and counted. Until then: one skip line.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
VBIN=$BUILD/tests/verifier
BPFRUN=${BPFRUN:-$BUILD/tools/bpfrun}
CASES=tests/verifier/cases
# Private work files: several test runs may share one build/ at once.
WORK=$BUILD/vcorpus.$$
TSV=$WORK/verifier-linux.tsv
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VBIN/vlinux" ] || [ ! -x "$VBIN/vgen" ]; then
	echo "not ok vcorpus/build vlinux or vgen missing (make vcorpus)"
	exit 0
fi

# Is the host's bpf() usable at all?
probe=$("$VBIN/vlinux" "$CASES/struct-minimal.s" | cut -f4,10)
if [ "$(echo "$probe" | cut -f1)" != accept ]; then
	echo "skip vcorpus # host bpf() unavailable: $(echo "$probe" | cut -f2)"
	echo "skip verifier-diff # host bpf() unavailable"
	exit 0
fi

if ! sh tests/verifier/record-linux.sh "$WORK"; then
	echo "not ok vcorpus/record the Linux side failed"
	exit 0
fi
# For make bench: Linux's counts and load times (replaced whole, never half-written).
cp "$TSV" "$BUILD/verifier-linux.tsv.$$" && mv "$BUILD/verifier-linux.tsv.$$" "$BUILD/verifier-linux.tsv"

# Hand-written cases: expect and linux lines against Linux's real decision.
awk '
	FNR == 1 { n = FILENAME; sub(/.*\//, "", n); sub(/\.s$/, "", n); names[++cnt] = n }
	/^; expect:/ { sub(/^; expect: */, ""); expect[n] = $0 }
	/^; linux:/ { sub(/^; linux: */, ""); want[n] = $0 }
	END { for (i = 1; i <= cnt; i++) printf "%s\t%s\t%s\n", names[i], expect[names[i]], want[names[i]] }
' "$CASES"/*.s >"$WORK/expect.tsv"
awk -F'\t' '
	NR == FNR { if (FNR > 1) { dec[$1] = $4; err[$1] = $5; line[$1] = $10 }; next }
	{
		n = $1; e = $2; w = $3
		if (!(n in dec))
			printf "not ok vcorpus/%s no Linux result\n", n
		else if (dec[n] == "skip")
			printf "skip vcorpus/%s # Linux side skipped: %s\n", n, line[n]
		else if (dec[n] != e)
			printf "not ok vcorpus/%s expect %s, Linux: %s %s %s\n", n, e, dec[n], err[n], line[n]
		else if (w != "" && index(err[n] " " line[n], w) == 0)
			printf "not ok vcorpus/%s Linux %s for another reason: %s %s (want: %s)\n",
				n, dec[n], err[n], line[n], w
		else
			printf "ok vcorpus/%s\n", n
	}' "$TSV" "$WORK/expect.tsv"

# The generated programs: all must reach the verifier (assemble, maps exist).
awk -F'\t' '
	NR > 1 && $1 ~ /^gen-/ {
		split($1, a, "-"); f = a[2]; n[f]++; total++
		if ($4 == "accept") acc[f]++
		if ($4 == "skip") { skip++; if (skip <= 5) printf "# generated %s skipped: %s\n", $1, $10 }
	}
	END {
		for (f in n)
			printf "# generator family %-8s %4d programs, Linux accepts %4d (%.0f%%)\n",
				f, n[f], acc[f], 100 * acc[f] / n[f]
		if (skip)
			printf "not ok vcorpus/generated %d of %d programs never reached the verifier\n", skip, total
		else
			printf "ok vcorpus/generated %d programs reached Linux'"'"'s verifier\n", total
	}' "$TSV"
total=$(($(wc -l <"$TSV") - 1))
if [ "$total" -ge 3000 ]; then
	echo "ok vcorpus/size $total programs"
else
	echo "not ok vcorpus/size $total programs, want >= 3000"
fi

sh tests/verifier/ours.sh "$TSV" "$CASES" "$WORK/gen" "$BPFRUN" "$WORK/bin"

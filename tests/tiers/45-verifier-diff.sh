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
for f in "$CASES"/*.s; do
	name=$(basename "$f" .s)
	expect=$(sed -n 's/^; expect: *//p' "$f")
	want=$(sed -n 's/^; linux: *//p' "$f")
	awk -F'\t' -v n="$name" -v e="$expect" -v w="$want" '
		$1 == n {
			if ($4 == "skip")
				printf "skip vcorpus/%s # Linux side skipped: %s\n", n, $10
			else if ($4 != e)
				printf "not ok vcorpus/%s expect %s, Linux: %s %s %s\n", n, e, $4, $5, $10
			else if (w != "" && index($5 " " $10, w) == 0)
				printf "not ok vcorpus/%s Linux %s for another reason: %s %s (want: %s)\n",
					n, $4, $5, $10, w
			else
				printf "ok vcorpus/%s\n", n
			found = 1
		}
		END { if (!found) printf "not ok vcorpus/%s no Linux result\n", n }' "$TSV"
done

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

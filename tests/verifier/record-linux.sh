#!/bin/sh
# Records the host Linux verifier's view of the whole corpus.
#
#   sh tests/verifier/record-linux.sh WORKDIR
#
# Writes WORKDIR/gen/*.s (VCORPUS_COUNT programs from vgen, seed
# VCORPUS_SEED), WORKDIR/bin/NAME.bin (every program as Linux got it) and
# WORKDIR/verifier-linux.tsv (vlinux's lines with a header: decision, errno,
# processed insns, load time as the median of VCORPUS_REPEAT loads). The
# tier uses it with one load per program; make bench may ask for more.
# Exit status 0, or 1 with a message when a tool is missing or fails.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
WORK=$1
VBIN=$BUILD/tests/verifier
[ -n "$WORK" ] || { echo "usage: record-linux.sh WORKDIR" >&2; exit 1; }
for t in vlinux vgen; do
	[ -x "$VBIN/$t" ] || { echo "$VBIN/$t missing (make vcorpus)" >&2; exit 1; }
done
mkdir -p "$WORK/gen" "$WORK/bin" || exit 1
"$VBIN/vgen" --seed "${VCORPUS_SEED:-1}" --count "${VCORPUS_COUNT:-3000}" "$WORK/gen" || exit 1
"$VBIN/vlinux" --header --repeat "${VCORPUS_REPEAT:-1}" --bin-dir "$WORK/bin" \
	tests/verifier/cases/*.s "$WORK"/gen/*.s >"$WORK/verifier-linux.tsv"

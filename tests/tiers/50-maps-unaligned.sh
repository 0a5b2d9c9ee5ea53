#!/bin/sh
# Tier 50, keys at odd stack offsets: the objects of tests/fuzz/objknown
# (objfuzz mutants whose programs pass a map key at an odd stack offset, which
# the verifier accepts as Linux's does) are loaded and run in-process by the
# ASan/UBSan build of objfuzz; a misaligned key read in any map type aborts
# it. One test per object; under a second.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
OBJFUZZ=$BUILD/tests/fuzz/objfuzz
LOGS=$BUILD/test-logs
mkdir -p "$LOGS"
for f in tests/fuzz/objknown/*.o; do
	name=$(basename "$f" .o)
	if [ ! -x "$OBJFUZZ" ]; then
		echo "not ok maps-unaligned $name $OBJFUZZ missing (make host-tools)"
		continue
	fi
	log=$LOGS/maps-unaligned-$name.log
	"$OBJFUZZ" --replay --run "$f" >"$log" 2>&1
	st=$?
	if [ "$st" = 0 ] && grep -q ': loaded' "$log"; then
		echo "ok maps-unaligned $name"
	else
		echo "not ok maps-unaligned $name exit status $st: $(grep -m1 'runtime error\|ERROR' "$log")"
	fi
done

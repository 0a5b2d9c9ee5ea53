#!/bin/sh
# Run every test tier (tests/tiers/*.sh, in name order) and summarise.
# A tier prints one line per test: "ok NAME", "not ok NAME ..." or
# "skip NAME # reason". A tier that exits non-zero adds one failure.
# The last line is "N passed, N failed" (", N skipped"); the exit status is
# non-zero when anything failed.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
export BUILD
logs="$BUILD/test-logs"
mkdir -p "$logs"
pass=0 fail=0 skip=0
for tier in tests/tiers/*.sh; do
	name=$(basename "$tier" .sh)
	echo "=== tier $name"
	sh "$tier" >"$logs/$name.log" 2>&1
	status=$?
	cat "$logs/$name.log"
	p=$(grep -c '^ok ' "$logs/$name.log")
	f=$(grep -c '^not ok ' "$logs/$name.log")
	s=$(grep -c '^skip ' "$logs/$name.log")
	if [ "$status" != 0 ]; then
		echo "not ok tier $name exited with status $status"
		f=$((f + 1))
	fi
	echo "=== tier $name: $p passed, $f failed, $s skipped"
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]

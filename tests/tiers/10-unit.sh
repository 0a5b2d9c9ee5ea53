#!/bin/sh
# Tier 1: host unit tests, built with ASan and UBSan. Each binary prints
# "ok NAME" / "not ok NAME" lines; a crash counts as a failure.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
for t in "$BUILD"/tests/unit/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 timeout 600 "$t"; then
		echo "not ok $name exited with status $?"
	fi
done

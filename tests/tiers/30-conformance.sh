#!/bin/sh
# Tier 30: the public BPF conformance suite (../shared/conformance/tests, or
# $CONFORMANCE_DIR) through the project's runner, in the interpreter and in
# the JIT. One line per test and mode: "ok conformance/interp/add.data".
# Takes about a second per mode.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
CONFORMANCE_DIR=${CONFORMANCE_DIR:-$(pwd)/../shared/conformance/tests}
runner="$BUILD/tests/conformance/runner"
if [ ! -d "$CONFORMANCE_DIR" ]; then
	echo "skip conformance # no conformance suite at $CONFORMANCE_DIR"
	exit 0
fi
if [ ! -x "$runner" ]; then
	echo "not ok conformance runner $runner is not built (make host-tools)"
	exit 0
fi
for mode in interp jit; do
	# the runner's exit status only repeats its "not ok" lines
	timeout 300 "$runner" --$mode "$CONFORMANCE_DIR" || true
done

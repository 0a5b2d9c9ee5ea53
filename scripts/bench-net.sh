#!/bin/sh
# make bench: the appliance end to end (tests/net/bench.py): frames per
# second through QEMU's datagram netdevs for the built-in programs.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
KERNEL=${KERNEL:-$BUILD/bpfkern.bin} LOGS=$BUILD/test-logs exec python3 tests/net/bench.py

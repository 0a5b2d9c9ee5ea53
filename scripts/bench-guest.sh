#!/bin/sh
# make bench: bpfkern beside a Linux guest under the same QEMU (issue 5 and
# issue 7's datapath rows): system call round trips in guest TSC cycles
# (getpid, bpf(MAP_LOOKUP_ELEM) on an ARRAY) and BPF_PROG_TEST_RUN with
# BPF_F_TEST_XDP_LIVE_FRAMES in frames/s, both guests in this run
# (tests/net/bench.py guest). The Linux guest comes from
# scripts/linux-guest.sh; where it cannot be built (no network for apt-get
# download), the Linux column says why and only our figures are recorded.
# Appends rows to $BUILD/bench.tsv. A measurement, never a test: exits 0.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
export BUILD
if why=$(scripts/linux-guest.sh 2>&1 >/dev/null); then
	why=
else
	why=${why:-scripts/linux-guest.sh failed}
fi
KERNEL=${KERNEL:-$BUILD/bpfkern.bin} LOGS=$BUILD/test-logs LINUX_GUEST_WHY=$why \
	python3 tests/net/bench.py guest || echo "bench-guest: tests/net/bench.py failed" >&2
exit 0

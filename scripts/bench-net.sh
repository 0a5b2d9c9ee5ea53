#!/bin/sh
# make bench: the appliance end to end beside a Linux guest under the same
# QEMU flags and traffic generator (tests/net/bench.py net): frames/s for
# XDP_DROP, XDP_TX (and the firewall), boot to userspace and to the first
# forwarded frame, the smallest -m. The Linux guest comes from
# scripts/linux-guest.sh (cached; built by bench-guest.sh earlier in the same
# make bench); without it only our figures are recorded. Appends rows to
# $BUILD/bench.tsv. A measurement, never a test: exits 0.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
export BUILD
if why=$(scripts/linux-guest.sh 2>&1 >/dev/null); then
	why=
else
	why=${why:-scripts/linux-guest.sh failed}
fi
KERNEL=${KERNEL:-$BUILD/bpfkern.bin} LOGS=$BUILD/test-logs LINUX_GUEST_WHY=$why \
	python3 tests/net/bench.py net || echo "bench-net: tests/net/bench.py failed" >&2
exit 0

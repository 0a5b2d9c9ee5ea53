#!/bin/sh
# Tier 60: packets end to end. tests/net/nettest.py boots the kernel with two
# virtio-net ports on QEMU datagram netdevs (loopback UDP), injects Ethernet
# frames and checks every verdict of the attached XDP program from both
# sides: the frames out of each port and the guest's per-port counters
# (received = errors + aborted + dropped + passed + transmitted + redirected).
# Guests run with -m 16M; one boots the GRUB ISO (multiboot2) with a pcap of port 0
# (QEMU filter-dump) checked. About 20 s. Serial logs: $BUILD/test-logs/net-*.log.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
if [ ! -f "$BUILD/bpfkern.bin" ]; then
	echo "not ok net.kernel-image $BUILD/bpfkern.bin missing (run make)"
	exit 1
fi
if ! command -v python3 >/dev/null; then
	echo "skip net # python3 not installed"
	exit 0
fi
exec python3 tests/net/nettest.py --kernel "$BUILD/bpfkern.bin" --logs "$BUILD/test-logs" \
	--timeout 45

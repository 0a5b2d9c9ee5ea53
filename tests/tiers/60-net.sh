#!/bin/sh
# Tier 60: packets end to end. tests/net/nettest.py boots the kernel with two
# virtio-net ports on QEMU datagram netdevs (loopback UDP), injects Ethernet
# frames and checks every verdict of the attached XDP program from both
# sides: the frames out of each port and the guest's per-port counters
# (received = errors + aborted + dropped + passed + transmitted + redirected),
# a 100,000-frame burst of every verdict among them, and 30,000 XDP_TX
# frames at 128 in flight from tools/nettool_gen (every one back, no stall:
# the XDP_TX stall's test). Guests run with -m 16M;
# one boots the GRUB ISO (multiboot2) with a pcap of port 0 (QEMU filter-dump)
# checked. Ring-3 programs add an XDP link swapped by BPF_LINK_UPDATE under
# traffic (t_net_link) and BPF_F_TEST_XDP_LIVE_FRAMES test runs whose frames
# the host counts (t_net_live); a single port checks the local stack (ARP,
# ping); the firewall boots as make run boots it (init, init.rc, console).
# About 60 s. Serial logs: $BUILD/test-logs/net-*.log.
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

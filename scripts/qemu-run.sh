#!/bin/sh
# Boot a bpfkern ISO in QEMU (TCG, -cpu max) with the serial console on this
# terminal. Usage: scripts/qemu-run.sh build/bpfkern.iso
# Environment: QEMU_MEM (default 256M), QEMU_EXTRA (more QEMU arguments),
# NET_PORT_BASE (default 5550): the appliance's two virtio-net ports are QEMU
# datagram netdevs on loopback; port i reads the UDP datagrams (one Ethernet
# frame each) sent to NET_PORT_BASE+2i and sends its frames to
# NET_PORT_BASE+2i+1. NET_PORTS=0 boots without NICs.
set -eu
iso=${1:?usage: qemu-run.sh ISO}
if [ ! -f "$iso" ]; then
	echo "qemu-run: $iso not found (run make)" >&2
	exit 1
fi
base=${NET_PORT_BASE:-5550}
nports=${NET_PORTS:-2}
net=""
i=0
while [ "$i" -lt "$nports" ]; do
	in=$((base + 2 * i))
	out=$((in + 1))
	net="$net -netdev dgram,id=n$i,local.type=inet,local.host=127.0.0.1,local.port=$in"
	net="$net,remote.type=inet,remote.host=127.0.0.1,remote.port=$out"
	net="$net -device virtio-net-pci,netdev=n$i,disable-legacy=on"
	echo "  eth$i: send frames to UDP 127.0.0.1:$in; frames out of eth$i arrive at UDP 127.0.0.1:$out"
	i=$((i + 1))
done
if [ "$nports" -gt 0 ]; then
	echo "  (tools/nettool send --to $base; tools/nettool listen --on $((base + 1)) $((base + 3)))"
fi
cat <<MSG
Booting $iso in QEMU (serial console on this terminal).
  Quit QEMU:  press Ctrl-A, then X   (or type 'halt' at the bpfkern> prompt)
  QEMU monitor: Ctrl-A, then C
MSG
# shellcheck disable=SC2086
exec qemu-system-x86_64 -cpu max -m "${QEMU_MEM:-256M}" -cdrom "$iso" -boot d \
	-display none -serial mon:stdio $net ${QEMU_EXTRA:-}

#!/bin/sh
# Boot a bpfkern ISO in QEMU (TCG, -cpu max) with the serial console on this
# terminal: `make run`. Usage: scripts/qemu-run.sh build/bpfkern.iso
#
# The boot configuration: the BPF objects travel on a GRUB ISO built here
# (BUILD/bpfkern-run.iso) as multiboot2 modules, and the kernel command line
# says what attaches where; init (user/init.c) loads, pins and attaches them
# through bpf() and the console (`help`) shows them. Environment (make passes
# its command-line variables on):
#   PROGS   more objects for /boot (default: only build/progs/firewall.bpf.o,
#           which is always there), e.g. PROGS="my.bpf.o other.bpf.o"
#   XDP     the attachments, PORT:OBJECT:PROGRAM words (default
#           eth0:firewall.bpf.o:xdp_firewall; a built-in program NAME: XDP=drop;
#           none: nothing attached), e.g. XDP="eth0:my.bpf.o:xdp_mine eth1:firewall.bpf.o:xdp_firewall"
#   INITRC  a file of console commands, /boot/init.rc, run at boot
#   APPEND  more kernel command-line words
#   RUN_ISO_ONLY=1  build the run ISO, print its path, do not boot (tier 65)
# QEMU_MEM (default 256M), QEMU_EXTRA (more QEMU arguments),
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

# The run ISO: the kernel of $iso's tree, the objects under /boot/progs, and
# a grub.cfg made from boot/grub.cfg with the command line and module2 lines.
build=$(dirname "$iso")
fw=$build/progs/firewall.bpf.o
objs=""
for o in $fw ${PROGS:-}; do
	if [ ! -f "$o" ]; then
		echo "qemu-run: $o not found" >&2
		exit 1
	fi
	objs="$objs $o"
done
[ -n "${INITRC:-}" ] && objs="$objs $INITRC"
xdp=${XDP:-eth0:firewall.bpf.o:xdp_firewall}
cmdline=$(for w in $xdp; do printf 'xdp=%s ' "$w"; done)${APPEND:-}
dir=$build/iso-run
rm -rf "$dir" && mkdir -p "$dir/boot/grub" "$dir/boot/progs"
cp "$build/iso/boot/bpfkern.elf" "$dir/boot/bpfkern.elf"
modules=""
for o in $objs; do
	name=$(basename "$o")
	[ "$o" = "${INITRC:-}" ] && name=init.rc
	cp "$o" "$dir/boot/progs/$name"
	modules="$modules\tmodule2 /boot/progs/$name $name\n"
done
awk -v cmd="$cmdline" -v mods="$modules" '
/^[ \t]*multiboot2 / { print $0 " " cmd; printf "%s", mods; next }
{ print }' boot/grub.cfg >"$dir/boot/grub/grub.cfg"
run_iso=$build/bpfkern-run.iso
if ! grub-mkrescue -o "$run_iso" "$dir" >"$build/grub-mkrescue-run.log" 2>&1; then
	cat "$build/grub-mkrescue-run.log" >&2
	exit 1
fi
if [ -n "${RUN_ISO_ONLY:-}" ]; then
	echo "$run_iso"
	exit 0
fi
echo "  /boot:$(for o in $objs; do printf ' %s' "$(basename "$o")"; done)   command line: $cmdline"

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
  Console:    'help'; 'net list', 'prog list', 'map dump name deny_v4', 'link list'...
  Your own:   make run PROGS="my.bpf.o" XDP="eth0:my.bpf.o:my_prog"   (or 'load my.bpf.o' at the console)
  QEMU monitor: Ctrl-A, then C
MSG
# shellcheck disable=SC2086
exec qemu-system-x86_64 -cpu max -m "${QEMU_MEM:-256M}" -cdrom "$run_iso" -boot d \
	-display none -serial mon:stdio $net ${QEMU_EXTRA:-}

#!/bin/sh
# Tier 65: the appliance console and the boot configuration. One boot (QEMU
# -kernel, multiboot1) with the firewall, xdp_counter, xdp_reject and an init.rc as
# modules (-initrd) and xdp=eth0:firewall.bpf.o:xdp_firewall on the command
# line: init loads and attaches the firewall through bpf(), runs init.rc,
# and tests/console/drive.py types every console command of
# tests/console/console.script over the serial line and checks its output
# (one line per command), frames sent to eth0 included. Then `make run`'s
# GRUB ISO (multiboot2 modules, two ports) with tests/console/grub.script,
# and a boot with the built-in xdp=drop (tests/console/builtin.script).
# Then t_fs, the
# ring-3 test of the file namespace (/boot, /proc: open, read, lseek,
# fstat, getdents64 and their errors), under utest, and t_reboot (reboot(2)
# needs CAP_SYS_BOOT: -EPERM in a child spawned without capabilities).
# About 40 s.
# Logs: $BUILD/test-logs/console-*.log.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
LOGS="$BUILD/test-logs"
mkdir -p "$LOGS"
EXIT_PASS=33

fw=$BUILD/progs/firewall.bpf.o
counter=$BUILD/tests/progs/xdp_counter.bpf.o
reject=$BUILD/tests/progs/xdp_reject.bpf.o
for f in "$BUILD/bpfkern.bin" "$fw" "$counter" "$reject"; do
	if [ ! -f "$f" ]; then
		echo "not ok console-image $f missing (run make)"
		exit 0
	fi
done

# A ring-3 test booted with utest=NAME: its own ok/not ok lines that match
# MATCH (a sed pattern), with PREFIX put in front, then a line for its exit.
#   ring3_test NAME LABEL MATCH PREFIX APPEND [INITRD]
ring3_test() {
	log="$LOGS/console-$1.log"
	timeout 120 qemu-system-x86_64 -cpu max -m 64M -display none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial "file:$log" -monitor none \
		-kernel "$BUILD/bpfkern.bin" -append "$5" ${6:+-initrd} ${6:+"$6"} \
		</dev/null >"$LOGS/console-$1.qemu" 2>&1
	st=$?
	tr -d '\r' <"$log" | sed -n -e "s/^ok \($3\)/ok $4\1/p" -e "s/^not ok \($3\)/not ok $4\1/p"
	if [ "$st" = "$EXIT_PASS" ]; then
		echo "ok $2: boot $1 (exit status $st)"
	else
		echo "not ok $2: boot $1 exit status $st, wanted $EXIT_PASS (see $log)"
	fi
}

# The file namespace (t_fs), and reboot(2) with CAP_SYS_BOOT (t_reboot), from ring 3.
ring3_tests() {
	ring3_test t_fs fs '.*' 'fs: ' "utest=t_fs fs.test=1" "$counter,tests/console/init.rc"
	ring3_test t_reboot reboot 'reboot\..*' '' "utest=t_reboot"
}

if ! command -v python3 >/dev/null; then
	echo "skip console # python3 is missing"
	ring3_tests
	exit 0
fi

# eth0 is a datagram netdev on loopback: the driver sends frames to $port.
port=$((20000 + $$ % 20000))
python3 tests/console/drive.py --name console --port "$port" --log "$LOGS/console-serial.log" \
	tests/console/console.script -- \
	qemu-system-x86_64 -cpu max -m 128M -display none -no-reboot -serial stdio -monitor none \
	-kernel "$BUILD/bpfkern.bin" -append "xdp=eth0:firewall.bpf.o:xdp_firewall" \
	-initrd "$fw,$counter,$reject,tests/console/init.rc" \
	-netdev "dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=$port,remote.type=inet,remote.host=127.0.0.1,remote.port=$((port + 1))" \
	-device virtio-net-pci,netdev=n0,disable-legacy=on

# make run's GRUB ISO: the same objects as multiboot2 modules, eth0 and eth1 attached.
iso=$(RUN_ISO_ONLY=1 PROGS="$counter" INITRC=tests/console/init.rc \
	XDP="eth0:firewall.bpf.o:xdp_firewall eth1:xdp_counter.bpf.o:xdp_count" \
	scripts/qemu-run.sh "$BUILD/bpfkern.iso" 2>"$LOGS/console-grub-iso.log")
if [ -f "$iso" ]; then
	python3 tests/console/drive.py --name console-grub --log "$LOGS/console-grub-serial.log" \
		tests/console/grub.script -- \
		qemu-system-x86_64 -cpu max -m 128M -display none -no-reboot -serial stdio \
		-monitor none -cdrom "$iso" -boot d \
		-netdev user,id=n0,restrict=on -device virtio-net-pci,netdev=n0,disable-legacy=on \
		-netdev user,id=n1,restrict=on -device virtio-net-pci,netdev=n1,disable-legacy=on
else
	echo "not ok console-grub: run ISO not built (see $LOGS/console-grub-iso.log)"
fi

# xdp=NAME keeps its meaning: the kernel's built-in program, nothing for init to do.
python3 tests/console/drive.py --name console-builtin --log "$LOGS/console-builtin-serial.log" \
	tests/console/builtin.script -- \
	qemu-system-x86_64 -cpu max -m 64M -display none -no-reboot -serial stdio -monitor none \
	-kernel "$BUILD/bpfkern.bin" -append "xdp=drop" \
	-netdev user,id=n0,restrict=on -device virtio-net-pci,netdev=n0,disable-legacy=on

ring3_tests
exit 0

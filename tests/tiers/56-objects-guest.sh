#!/bin/sh
# Tier 56: the objects of tier 55 in the guest. bpfkern boots under QEMU
# (TCG, -cpu max: the real JIT, the real bpf() system call) with every
# progs/*.bpf.o and tests/progs/*.bpf.o as a boot module (-initrd: /boot),
# and utest=objtest: init runs tests/objects/objtest in ring 3, which loads
# every object of /boot with lib/bpf, runs its programs on frames (the
# firewall with deny prefixes, its counters read back) and prints what it
# saw. That output is compared block by block with objtest_linux's over the
# same files on the host's Linux (tests/objects/compare.awk: one test per
# object, per whole-object load, per program verdict, per program's runs and
# map contents); where the host's bpf() is unavailable, with the in-process
# bpfkern run's instead. The boot also checks that every page the programs
# used is free again (kernel.user_pages_freed). Runtime: a few seconds.
# Logs: $BUILD/test-logs/objects-guest.log.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
LOGS="$BUILD/test-logs"
dir=$BUILD/tests/objects
linux=$dir/objtest_linux
ours=$dir/objtest_bpfkern
EXIT_PASS=33
mkdir -p "$LOGS" "$dir"
objs=$(echo $(ls "$BUILD"/progs/*.bpf.o "$BUILD"/tests/progs/*.bpf.o 2>/dev/null))

if [ ! -f "$BUILD/bpfkern.bin" ] || [ ! -x "$linux" ] || [ -z "$objs" ]; then
	echo "not ok objects-guest/build kernel, objtest or objects not built (make all host-tools)"
	exit 0
fi

log=$LOGS/objects-guest.log
timeout 300 qemu-system-x86_64 -cpu max -m 256M -display none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial "file:$log" -monitor none \
	-kernel "$BUILD/bpfkern.bin" -append "utest=objtest" \
	-initrd "$(echo $objs | tr ' ' ',')" </dev/null >"$LOGS/objects-guest.qemu" 2>&1
st=$?
tr -d '\r' <"$log" | sed -n '/^init: run objtest$/,/^init: objtest exit status/p' |
	sed -e '1d' -e '$d' >"$dir/guest.txt"
tr -d '\r' <"$log" | sed -n -e 's/^ok \(kernel\..*\)/ok objects-guest: \1/p' \
	-e 's/^not ok \(kernel\..*\)/not ok objects-guest: \1/p'
if [ "$st" = "$EXIT_PASS" ]; then
	echo "ok objects-guest/boot (exit status $st)"
else
	echo "not ok objects-guest/boot exit status $st, wanted $EXIT_PASS (see $log)"
fi
if grep -q 'multiboot: too many modules' "$log"; then
	echo "not ok objects-guest/modules more objects than BOOT_MODULES_MAX: some not in /boot"
fi

ref=$dir/linux-for-guest.txt
if ! unshare --mount sh -c "mount -t bpf bpf /sys/fs/bpf && exec $linux $objs" >"$ref" \
	2>"$dir/linux-for-guest.err" || ! grep -q 'load ok' "$ref"; then
	echo "skip objects-guest/linux # bpf() or a private bpffs unavailable: compared with the in-process run"
	"$ours" $objs >"$ref" 2>/dev/null
	grep -v '^  ringbuf ' "$dir/guest.txt" >"$dir/guest-no-rings.txt" # in-process has no rings
	mv "$dir/guest-no-rings.txt" "$dir/guest.txt"
fi
# The differences still open: tests/objects/known-differences.txt (skips while they differ).
awk -v prefix=objects-guest -v known=tests/objects/known-differences.txt \
	-f tests/objects/compare.awk "$ref" "$dir/guest.txt"

#!/bin/sh
# Tier 20: boot the kernel under QEMU (TCG) and run its in-guest tests.
#
# Both boot paths: QEMU -kernel build/bpfkern.bin (multiboot1) and a GRUB
# ISO (multiboot2) whose grub.cfg puts test=all on the kernel command line
# (build/bpfkern-test.iso, made here). Each with -m 16M and -m 4G. Then a
# deliberate page fault (the exception report must appear and the exit status
# must say "panic"), and an over-long command line with modules.
#
# Guest lines are relayed prefixed with the configuration ("ok mb1-16M:
# mm.buddy_split"); each boot adds its own ok/not ok from QEMU's exit status
# (isa-debug-exit: 33 = all passed, 35 = a test failed, 37 = panic;
# 0 = triple fault or reset, 124 = timeout). Full serial logs:
# $BUILD/test-logs/kernel-*.log.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
LOGS="$BUILD/test-logs"
TIMEOUT=${KTEST_TIMEOUT:-120}
mkdir -p "$LOGS"

EXIT_PASS=33
EXIT_FAIL=35
EXIT_PANIC=37

# qemu_run NAME ARGS...: boot, log serial output to $LOGS/kernel-NAME.log, return QEMU's status.
qemu_run() {
	name=$1
	shift
	timeout "$TIMEOUT" qemu-system-x86_64 -cpu max -display none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial "file:$LOGS/kernel-$name.log" \
		-monitor none "$@" </dev/null >"$LOGS/kernel-$name.qemu" 2>&1
}

# relay NAME: print the guest's test lines prefixed with NAME (and its failure details).
relay() {
	tr -d '\r' <"$LOGS/kernel-$1.log" | sed -n \
		-e "s/^ok \(.*\)/ok $1: \1/p" \
		-e "s/^not ok \(.*\)/not ok $1: \1/p" \
		-e "s/^skip \(.*\)/skip $1: \1/p" \
		-e '/^# /p'
}

# expect_exit NAME STATUS WANT: one ok/not ok line for the boot itself.
expect_exit() {
	if [ "$2" = "$3" ]; then
		echo "ok boot $1 (exit status $2)"
	elif [ "$2" = 0 ]; then
		echo "not ok boot $1 exit status 0: triple fault or reset (see $LOGS/kernel-$1.log)"
	elif [ "$2" = 124 ]; then
		echo "not ok boot $1 timed out after ${TIMEOUT}s (see $LOGS/kernel-$1.log)"
	else
		echo "not ok boot $1 exit status $2, wanted $3 (see $LOGS/kernel-$1.log)"
	fi
}

# expect_log NAME TEXT: the serial log must contain TEXT.
expect_log() {
	if tr -d '\r' <"$LOGS/kernel-$1.log" | grep -qF -- "$2"; then
		echo "ok log $1 has '$2'"
	else
		echo "not ok log $1 lacks '$2'"
	fi
}

for f in "$BUILD/bpfkern.bin" "$BUILD/bpfkern.elf"; do
	if [ ! -f "$f" ]; then
		echo "not ok kernel-image $f missing (run make)"
		exit 1
	fi
done

# The test ISO: the same kernel, with test=all on GRUB's command line.
iso="$BUILD/bpfkern-test.iso"
rm -rf "$BUILD/iso-test" && mkdir -p "$BUILD/iso-test/boot/grub"
objcopy --strip-debug "$BUILD/bpfkern.elf" "$BUILD/iso-test/boot/bpfkern.elf"
sed 's|multiboot2 /boot/bpfkern.elf.*|multiboot2 /boot/bpfkern.elf test=all|' boot/grub.cfg \
	>"$BUILD/iso-test/boot/grub/grub.cfg"
if ! grub-mkrescue -o "$iso" "$BUILD/iso-test" >"$LOGS/kernel-grub-mkrescue.log" 2>&1; then
	echo "not ok test-iso grub-mkrescue failed (see $LOGS/kernel-grub-mkrescue.log)"
	iso=""
fi

for mem in 16M 4G; do
	qemu_run "mb1-$mem" -m "$mem" -kernel "$BUILD/bpfkern.bin" -append "test=all"
	st=$?
	relay "mb1-$mem"
	expect_exit "mb1-$mem" "$st" "$EXIT_PASS"
	if [ -n "$iso" ]; then
		qemu_run "mb2-$mem" -m "$mem" -cdrom "$iso"
		st=$?
		relay "mb2-$mem"
		expect_exit "mb2-$mem" "$st" "$EXIT_PASS"
		expect_log "mb2-$mem" "multiboot2 from GRUB"
	fi
done

# A deliberate page fault: the report, then a failing exit status.
qemu_run fault-pagefault -m 32M -kernel "$BUILD/bpfkern.bin" -append "fault=pagefault"
expect_exit fault-pagefault $? "$EXIT_PANIC"
for text in "Exception: Page Fault (vector 14)" "CR2: 000000000dead000" "RIP: 0008:" \
	"fault_pagefault+0x" "RAX: " "Call Trace:" "kernel_main+0x"; do
	expect_log fault-pagefault "$text"
done

# A kernel stack overflow: the guard page faults, #PF cannot push its frame,
# the double fault runs on its own IST stack and reports.
qemu_run fault-stack -m 32M -kernel "$BUILD/bpfkern.bin" -append "fault=stack"
expect_exit fault-stack $? "$EXIT_PANIC"
expect_log fault-stack "Exception: Double Fault (vector 8)"
expect_log fault-stack "fault_recurse"

# A panic: message and backtrace, failing exit status.
qemu_run fault-panic -m 32M -kernel "$BUILD/bpfkern.bin" -append "fault=panic"
expect_exit fault-panic $? "$EXIT_PANIC"
expect_log fault-panic "Kernel panic - not syncing: deliberate panic"

# An over-long command line (truncated, the kernel still boots) and two modules.
long=$(printf 'x%.0s' $(seq 1 1500))
qemu_run mb1-longcmd -m 32M -kernel "$BUILD/bpfkern.bin" -initrd "boot/grub.cfg,linker.ld" \
	-append "test=boot.cmdline_lookup pad=$long"
st=$?
relay mb1-longcmd
expect_exit mb1-longcmd "$st" "$EXIT_PASS"
expect_log mb1-longcmd "command line longer than 1023 bytes: truncated"
expect_log mb1-longcmd "module ["

# An unknown fault kind is refused with a failing status, not ignored.
qemu_run fault-unknown -m 32M -kernel "$BUILD/bpfkern.bin" -append "fault=bogus"
expect_exit fault-unknown $? "$EXIT_FAIL"
expect_log fault-unknown "fault: unknown kind 'bogus'"

# A selection that matches nothing fails the run.
qemu_run mb1-nomatch -m 32M -kernel "$BUILD/bpfkern.bin" -append "test=no_such_suite"
expect_exit mb1-nomatch $? "$EXIT_FAIL"
exit 0

#!/bin/sh
# Tier 22: ring 3. Boots the kernel (QEMU -kernel, TCG, -cpu max: NX, SMEP,
# SMAP) with `utest` on its command line: user/init runs the ring-3 test
# programs of tests/user/ as its children and every check prints its own
# "ok user.NAME" line (relayed here prefixed with the boot's name); the
# kernel adds kernel.user_pages_freed (every page the processes used is free
# again) and exits QEMU with 33 when init exited 0.
#
# Two boots: the default (unprivileged_bpf_disabled=2: an unprivileged
# bpf() is -EPERM) and unprivileged_bpf_disabled=0 (an unprivileged process
# may create an ARRAY map). A third runs tier 25's bpf() test program in
# ring 3 and compares its output with Linux's line by line. Then the
# kernel's fault reports are checked in the log. A few seconds in all.
# Logs: $BUILD/test-logs/user-*.log.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
LOGS="$BUILD/test-logs"
TIMEOUT=${UTEST_TIMEOUT:-120}
EXIT_PASS=33
mkdir -p "$LOGS"

if [ ! -f "$BUILD/bpfkern.bin" ]; then
	echo "not ok user-image $BUILD/bpfkern.bin missing (run make)"
	exit 0
fi

# boot NAME CMDLINE [QEMU-ARGS]: run QEMU, relay the guest's test lines, one line for the exit status.
boot() {
	name=$1
	log="$LOGS/user-$name.log"
	timeout "$TIMEOUT" qemu-system-x86_64 -cpu max -m 64M -display none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial "file:$log" -monitor none \
		-kernel "$BUILD/bpfkern.bin" -append "$2" $3 </dev/null >"$LOGS/user-$name.qemu" 2>&1
	st=$?
	tr -d '\r' <"$log" | sed -n -e "s/^ok \(.*\)/ok $name: \1/p" \
		-e "s/^not ok \(.*\)/not ok $name: \1/p" -e "s/^skip \(.*\)/skip $name: \1/p"
	if [ "$st" = "$EXIT_PASS" ]; then
		echo "ok boot user-$name (exit status $st)"
	else
		echo "not ok boot user-$name exit status $st, wanted $EXIT_PASS (see $log)"
	fi
}

# expect_log NAME TEXT: the serial log of boot NAME has TEXT.
expect_log() {
	if tr -d '\r' <"$LOGS/user-$1.log" | grep -qF -- "$2"; then
		echo "ok log user-$1 has '$2'"
	else
		echo "not ok log user-$1 lacks '$2'"
	fi
}

boot default "utest"
boot unpriv0 "utest unprivileged_bpf_disabled=0"

# The bpf() user test of tier 25 (tests/syscall/syscall_test.c over lib/bpf),
# built for ring 3: its output must equal Linux's line by line. The live
# host's output when its bpf() works, else the recorded Linux 6.18 output.
# One virtio-net port without a program (ifindex 1, as Linux's lo) for the
# XDP link checks.
boot syscall_test "utest=syscall_test xdp=none" \
	"-nic none -netdev user,id=n0,restrict=on -device virtio-net-pci,netdev=n0,disable-legacy=on"
dir=$BUILD/tests/syscall
mkdir -p "$dir"
tr -d '\r' <"$LOGS/user-syscall_test.log" | sed -n '/^init: run syscall_test$/,/^init: syscall_test exit status/p' |
	sed -e '1d' -e '$d' | grep -v '^syscall_test (linux) done$' >"$dir/ring3.txt"
reference=tests/syscall/expected-linux-6.18.txt
if [ -x "$dir/syscall_test_linux" ] &&
	unshare --mount sh -c "mount -t bpf bpf /sys/fs/bpf && exec $dir/syscall_test_linux" \
		>"$dir/linux-for-ring3.txt" 2>/dev/null &&
	grep -q '^array create: ok$' "$dir/linux-for-ring3.txt"; then
	reference=$dir/linux-for-ring3.txt
fi
awk -v ours="$dir/ring3.txt" -v ref="$reference" '
{
	n++
	if ((getline mine < ours) <= 0)
		mine = "(missing)"
	name = $0
	sub(/:.*/, "", name)
	gsub(/[^A-Za-z0-9_.|-]+/, "-", name)
	if (mine == $0)
		printf "ok ring3-syscall/%03d-%s\n", n, name
	else
		printf "not ok ring3-syscall/%03d-%s %s \"%s\" ring 3 \"%s\"\n", n, name, ref, $0, mine
}
END {
	if ((getline mine < ours) > 0)
		printf "not ok ring3-syscall/extra-lines ring 3 printed more: \"%s\"\n", mine
	if (!n)
		printf "not ok ring3-syscall/reference %s is empty\n", ref
}' "$reference"

expect_log default "init: hello from ring 3 (pid 1)"
expect_log default "segfault at 0 ip"
expect_log default "error 15 (instruction fetch, protection violation)"
expect_log default "killed by signal 11; the kernel runs on"
expect_log default "killed by signal 4; the kernel runs on"
expect_log default "init exited: killing 1 remaining process"
# The kernel never reported an exception of its own, nor panicked.
for name in default unpriv0 syscall_test; do
	if tr -d '\r' <"$LOGS/user-$name.log" | grep -qE "^Exception:|Kernel panic"; then
		echo "not ok user-$name kernel exception or panic in the log"
	else
		echo "ok user-$name no kernel exception or panic"
	fi
done
exit 0

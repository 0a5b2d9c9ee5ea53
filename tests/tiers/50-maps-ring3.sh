#!/bin/sh
# Tier 50, ring 3 side of the map family: mmap(2) of map fds and the ring
# buffer consumer with poll(2) (tests/user/t_mmap.c, t_ringbuf.c). Each
# program boots once in QEMU (utest=NAME: init runs only it, the kernel
# checks that every page came back), and runs once on the host against
# Linux's bpf() (skipped with the reason where that is unavailable): every
# expected value in the programs is Linux's, so both must pass alike.
# About 5 seconds. Logs: $BUILD/test-logs/maps-ring3-*.log.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
LOGS="$BUILD/test-logs"
EXIT_PASS=33
mkdir -p "$LOGS"

for prog in t_mmap t_ringbuf; do
	log="$LOGS/maps-ring3-$prog.log"
	if [ -f "$BUILD/bpfkern.bin" ]; then
		timeout 120 qemu-system-x86_64 -cpu max -m 64M -display none -no-reboot \
			-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial "file:$log" -monitor none \
			-kernel "$BUILD/bpfkern.bin" -append "utest=$prog" </dev/null >/dev/null 2>&1
		st=$?
		tr -d '\r' <"$log" | sed -n -e "s/^ok \(.*\)/ok ring3 \1/p" \
			-e "s/^not ok \(.*\)/not ok ring3 \1/p"
		if [ "$st" = "$EXIT_PASS" ]; then
			echo "ok ring3 $prog exit status $st"
		else
			echo "not ok ring3 $prog exit status $st, wanted $EXIT_PASS (see $log)"
		fi
	else
		echo "not ok ring3 $prog $BUILD/bpfkern.bin missing (run make)"
	fi

	bin="$BUILD/tests/maps/${prog}_linux"
	if [ ! -x "$bin" ]; then
		echo "not ok linux $prog $bin not built (make diff-tools)"
		continue
	fi
	"$bin" >"$LOGS/maps-linux-$prog.log" 2>&1
	if head -1 "$LOGS/maps-linux-$prog.log" | grep -q '^not ok user\.[a-z_]*create'; then
		echo "skip linux $prog # the host's bpf() cannot create maps here"
		continue
	fi
	sed -n -e "s/^ok \(.*\)/ok linux \1/p" -e "s/^not ok \(.*\)/not ok linux \1/p" \
		"$LOGS/maps-linux-$prog.log"
done

#!/bin/sh
# Tier 25-btf: BPF_BTF_LOAD, BTF ids and info, and map BTF (kernel/bpf/btf.c,
# docs/btf.md). tests/btf/btf_test builds valid and corrupt BTF blobs and
# creates maps over them; it is built for the host's Linux and for bpfkern's
# kernel code in-process (ASan/UBSan/LSan), and the outputs (verdict, errno,
# and for many blobs the last line of the BTF log) are compared line by
# line: one test per line. Where bpf() is unavailable the recorded Linux
# 6.18 output (tests/btf/expected-linux-6.18.txt) is the reference. The
# same program also runs in ring 3 of the real kernel under QEMU, and
# 60,000 corrupt blobs go through both kernels. Runtime: about five seconds.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
dir=$BUILD/tests/btf
ours=$dir/btf_test_bpfkern
linux=$dir/btf_test_linux

if [ ! -x "$ours" ] || [ ! -x "$linux" ]; then
	echo "not ok btf/build test programs not built (make host-tools)"
	exit 0
fi
if ! "$ours" >"$dir/bpfkern.txt" 2>"$dir/bpfkern.err"; then
	echo "not ok btf/bpfkern-run exit status $?: $(grep -m1 -E 'ERROR|panic|runtime error' "$dir/bpfkern.err")"
else
	echo "ok btf/bpfkern-run (sanitizers and leak check clean)"
fi
reference=$dir/linux.txt
if "$linux" >"$reference" 2>"$dir/linux.err" && grep -q '^hdr valid: ok$' "$reference"; then
	echo "ok btf/linux-run"
else
	echo "skip btf/linux-run # bpf() unavailable: $(head -n 1 "$dir/linux.err"); comparing with the recorded Linux 6.18 output"
	reference=tests/btf/expected-linux-6.18.txt
fi
awk -v ours="$dir/bpfkern.txt" '
{
	n++
	if ((getline mine < ours) <= 0)
		mine = "(missing)"
	name = $0
	sub(/:.*/, "", name)
	gsub(/[^A-Za-z0-9_.|-]+/, "-", name)
	if (mine == $0)
		printf "ok btf/%03d-%s\n", n, name
	else
		printf "not ok btf/%03d-%s linux \"%s\" bpfkern \"%s\"\n", n, name, $0, mine
}
END {
	if ((getline mine < ours) > 0)
		printf "not ok btf/extra-lines bpfkern printed more: \"%s\"\n", mine
}' "$reference"

# The same test in ring 3 of the real kernel (QEMU -kernel, utest=btf_test):
# BTF_LOAD through the system call entry and user copies, fds in the task's
# table. One test per line again, against the same reference.
if [ -f "$BUILD/bpfkern.bin" ]; then
	mkdir -p "$BUILD/test-logs"
	log=$BUILD/test-logs/user-btf_test.log
	timeout 120 qemu-system-x86_64 -cpu max -m 64M -display none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial "file:$log" -monitor none \
		-kernel "$BUILD/bpfkern.bin" -append "utest=btf_test" </dev/null >/dev/null 2>&1
	st=$?
	tr -d '\r' <"$log" | sed -n '/^init: run btf_test$/,/^init: btf_test exit status/p' |
		sed -e '1d' -e '$d' | grep -v '^btf_test (linux) done$' >"$dir/ring3.txt"
	if [ "$st" = 33 ]; then
		echo "ok btf/ring3-boot (exit status 33)"
	else
		echo "not ok btf/ring3-boot exit status $st, wanted 33 (see $log)"
	fi
	if cmp -s "$reference" "$dir/ring3.txt"; then
		echo "ok btf/ring3-same-as-linux ($(wc -l <"$reference") lines)"
	else
		echo "not ok btf/ring3-same-as-linux first difference: $(diff "$reference" "$dir/ring3.txt" | sed -n '2p;4p' | tr '\n' ' ')"
	fi
else
	echo "not ok btf/ring3 $BUILD/bpfkern.bin missing (run make)"
fi

# A real, large blob: the host's vmlinux BTF (100,000+ types, every kind
# the kernel's own build emits), same verdict from both kernels.
if [ -r /sys/kernel/btf/vmlinux ] && [ "$reference" = "$dir/linux.txt" ]; then
	l=$("$linux" --file /sys/kernel/btf/vmlinux 2>&1 | head -n 1)
	o=$("$ours" --file /sys/kernel/btf/vmlinux 2>&1 | head -n 1)
	if [ "$l" = "$o" ]; then
		echo "ok btf/vmlinux-blob ($l on both)"
	else
		echo "not ok btf/vmlinux-blob linux \"$l\" bpfkern \"$o\""
	fi
else
	echo "skip btf/vmlinux-blob # no /sys/kernel/btf/vmlinux or no bpf() to compare with"
fi

# Mutations: 20,000 blobs per seed, each a copy of one rich blob with one to
# three random changes, loaded by both kernels: every verdict must agree.
# One test per seed (the first disagreement is printed; reproduce it with
# BTF_MUTATION_LOG=1 btf_test_* --mutate COUNT SEED, which adds the logs).
if [ "$reference" = "$dir/linux.txt" ]; then
	for seed in 1 2 3; do
		"$linux" --mutate 20000 $seed >"$dir/mut-linux-$seed.txt" 2>&1
		if ! "$ours" --mutate 20000 $seed >"$dir/mut-bpfkern-$seed.txt" 2>"$dir/mut-bpfkern-$seed.err"; then
			echo "not ok btf/mutations-seed-$seed bpfkern exit status $?: $(grep -m1 -E 'ERROR|runtime error' "$dir/mut-bpfkern-$seed.err")"
		elif cmp -s "$dir/mut-linux-$seed.txt" "$dir/mut-bpfkern-$seed.txt"; then
			echo "ok btf/mutations-seed-$seed (20000 corrupt blobs, same verdicts)"
		else
			echo "not ok btf/mutations-seed-$seed $(diff "$dir/mut-linux-$seed.txt" "$dir/mut-bpfkern-$seed.txt" | grep -c '^<') differ, first: $(diff "$dir/mut-linux-$seed.txt" "$dir/mut-bpfkern-$seed.txt" | sed -n '2p;4p' | tr '\n' ' ')"
		fi
	done
else
	echo "skip btf/mutations # needs the host's bpf() to compare with"
fi

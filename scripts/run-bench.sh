#!/bin/sh
# make bench: how fast our BPF core runs, against Linux on the same machine.
#
# For every tests/bench/*.s program (assembled with `bpfrun asm`), ns/run of
#   our interpreter  bpfrun run --type xdp --interp --repeat N
#   our JIT          bpfrun run --type xdp --jit --repeat N
#   Linux's JIT      linuxrun --repeat N (BPF_PROG_TEST_RUN's duration)
# measured BENCH_REPS times (default 9) in turn, the median kept. Linux's
# figure includes BPF_PROG_TEST_RUN's own cost per run (about 20 ns here:
# an indirect call through a retpoline, the timer's bookkeeping), so the
# "net" rows subtract each engine's drop figure from the others. Then the
# JIT's compile time for 1,000 / 100,000 / 1,000,000 instructions, as
# `bpfrun run --jit --repeat 1` reports it ("jit-compile-ns"), on a large
# program that runs only a few of its instructions; per instruction it must
# stay flat.
#
# Prints a table and writes $BUILD/bench.tsv (DESIGN.md "Benchmarks"):
#   name<TAB>ours<TAB>baseline<TAB>baseline_value<TAB>unit<TAB>ratio
# Never part of `make test`: timings are not assertions.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
REPS=${BENCH_REPS:-9}
bpfrun=$BUILD/tools/bpfrun
linuxrun=$BUILD/tests/diff/linuxrun
work=$BUILD/bench
tsv=$BUILD/bench.tsv
linux=linux-$(uname -r | cut -d. -f1,2)-jit

for tool in "$bpfrun" "$linuxrun"; do
	[ -x "$tool" ] || { echo "run-bench: $tool not built" >&2; exit 1; }
done
mkdir -p "$work"
printf 'name\tours\tbaseline\tbaseline_value\tunit\tratio\n' >"$tsv"

# An Ethernet / IPv4 / UDP packet to port 53, 64 bytes: what parse.s drops.
printf '\002\000\000\000\000\001\002\000\000\000\000\002\010\000\105\000\000\062\000\000\000\000\100\021\000\000\012\000\000\001\012\000\000\002\004\322\000\065\000\036' >"$work/udp.pkt"
head -c 22 /dev/zero >>"$work/udp.pkt"

# median: the middle of the numbers on stdin (one per line).
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "nan" }'
}

# field NAME: the value of the "NAME value" line of the output on stdin.
field() {
	awk -v k="$1" '$1 == k { print $2; exit }'
}

# ratio A B: A / B with two decimals, "nan" when either is missing.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 == a && b + 0 == b && b > 0) \
		printf "%.2f", a / b; else print "nan" }'
}

row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$(ratio "$2" "$4")" >>"$tsv"
}

# Repeat counts: 5-25 ms per measurement in the slowest engine; short runs
# are preempted less on a busy machine (Linux's own timer stops while it is
# preempted; ours does not).
repeat_for() {
	case $1 in
	alu1000 | loop256) echo 5000 ;;
	calls) echo 50000 ;;
	*) echo 200000 ;;
	esac
}

# measure ENGINE NAME: run BIN once with --repeat, append ns/run to
# $work/NAME.ENGINE and remember the retval in $work/NAME.ENGINE.ret.
measure() {
	case $1 in
	linux) out=$("$linuxrun" --data "$work/udp.pkt" --repeat "$n" "$bin") ;;
	*) out=$("$bpfrun" run --type xdp --data "$work/udp.pkt" "--$1" --repeat "$n" "$bin") ;;
	esac
	echo "$out" | field ns/run >>"$work/$2.$1"
	echo "$out" | field retval >"$work/$2.$1.ret"
}

echo "ns/run, median of $REPS (lower is better); net = minus the same engine's drop"
printf '%-10s %12s %10s %12s %10s %11s %10s\n' program ours-interp ours-jit "$linux" jit/linux \
	interp/jit net-ratio
# The brief's order (drop first: the others' net figures subtract it), then any others.
progs=$(ls tests/bench/*.s | sed 's|.*/||; s|\.s$||' |
	awk '{ o = index(" drop parse alu1000 loop256 calls ", " " $0 " "); print (o ? o : 999), $0 }' |
	sort -n | cut -d' ' -f2)
for name in $progs; do
	src=tests/bench/$name.s
	bin=$work/$name.bin
	if ! "$bpfrun" asm "$src" -o "$bin" >"$work/$name.err" 2>&1; then
		echo "run-bench: bpfrun asm $src failed: $(head -n 1 "$work/$name.err")" >&2
		continue
	fi
	n=$(repeat_for "$name")
	for e in interp jit linux; do : >"$work/$name.$e"; done
	i=0
	while [ $i -lt "$REPS" ]; do
		for e in interp jit linux; do measure $e "$name"; done
		i=$((i + 1))
	done
	if [ "$(cat "$work/$name.interp.ret")" != "$(cat "$work/$name.linux.ret")" ] ||
		[ "$(cat "$work/$name.jit.ret")" != "$(cat "$work/$name.linux.ret")" ]; then
		echo "run-bench: $name: the engines disagree on retval" >&2
	fi
	interp=$(median <"$work/$name.interp")
	jit=$(median <"$work/$name.jit")
	lin=$(median <"$work/$name.linux")
	if [ "$name" = drop ]; then
		drop_jit=$jit drop_lin=$lin net=
	elif [ -n "$drop_jit" ]; then
		net_jit=$(awk -v a="$jit" -v b="$drop_jit" 'BEGIN { printf "%.2f", a - b }')
		net_lin=$(awk -v a="$lin" -v b="$drop_lin" 'BEGIN { printf "%.2f", a - b }')
		net=$(ratio "$net_jit" "$net_lin")
	fi
	printf '%-10s %12s %10s %12s %10s %11s %10s\n' "$name" "$interp" "$jit" "$lin" \
		"$(ratio "$jit" "$lin")" "$(ratio "$interp" "$jit")" "$net"
	row "jit_ns_per_run/$name" "$jit" "$linux" "$lin" ns
	row "interp_ns_per_run/$name" "$interp" "$linux" "$lin" ns
	row "interp_vs_jit/$name" "$interp" ours-jit "$jit" ns
	[ -z "$net" ] || row "jit_net_ns_per_run/$name" "$net_jit" "$linux-net" "$net_lin" ns
done

# A program of $1 instructions that executes few of them: r0, r2..r6 = 0,
# then a guard "if r1 != 0 goto <next guard>" (r1 = the context, never 0)
# before every 30,000 ALU64 instructions, then "r0 = 2; exit".
big_program() {
	python3 - "$1" "$2" <<'EOF'
import struct, sys
n, path = int(sys.argv[1]), sys.argv[2]
ins = lambda code, dst=0, src=0, off=0, imm=0: struct.pack(
    "<BBhi", code, dst | (src << 4), off, imm)
regs = [0, 2, 3, 4, 5, 6]
out = [ins(0xb7, r) for r in regs]  # rN = 0
ops = [0x07, 0x17, 0xa7, 0x47, 0x2f]  # add, sub, xor, or (imm); mul (reg)
body, k = n - len(out) - 2, 0
while body > 0:
    chunk = min(30000, body)
    out.append(ins(0x55, 1, 0, chunk - 1, 0))  # if r1 != 0 goto +(chunk - 1)
    for _ in range(chunk - 1):
        op = ops[k % len(ops)]
        if op == 0x2f:
            out.append(ins(op, regs[k % 6], regs[(k + 1) % 6]))
        else:
            out.append(ins(op, regs[k % 6], 0, 0, ((k * 7919) & 0xffff) | 1))
        k += 1
    body -= chunk
out += [ins(0xb7, 0, 0, 0, 2), ins(0x95)]
open(path, "wb").write(b"".join(out))
EOF
}

# now_ns: a monotonic-enough wall clock in nanoseconds.
now_ns() {
	date +%s%N
}

# compile_ns BIN RUNS: the JIT's compile time for BIN in ns: the median of
# the "jit-compile-ns N" lines bpfrun prints over RUNS runs. With an older
# bpfrun that does not print them, the fastest wall time of `run --jit`
# minus the fastest of `run --interp` (both load and verify; the program
# runs a few instructions): the fastest, as a whole process's wall time on a
# busy machine swings by milliseconds, more than a small compile takes.
compile_ns() {
	: >"$1.reported"
	: >"$1.interp-t"
	: >"$1.jit-t"
	i=0
	while [ $i -lt "$2" ]; do
		t0=$(now_ns)
		"$bpfrun" run --type xdp --data "$work/udp.pkt" --interp "$1" >/dev/null
		t1=$(now_ns)
		"$bpfrun" run --type xdp --data "$work/udp.pkt" --jit --repeat 1 "$1" |
			field jit-compile-ns >>"$1.reported"
		t2=$(now_ns)
		echo $((t1 - t0)) >>"$1.interp-t"
		echo $((t2 - t1)) >>"$1.jit-t"
		i=$((i + 1))
	done
	if [ -s "$1.reported" ]; then
		median <"$1.reported"
	else
		echo $(($(sort -n "$1.jit-t" | head -n 1) - $(sort -n "$1.interp-t" | head -n 1)))
	fi
}

echo
echo "JIT compile time (median of bpfrun's jit-compile-ns; per instruction it must stay flat)"
printf '%-10s %12s %12s\n' insns compile-ms ns/insn
base=
for size in 1000 100000 1000000; do
	bin=$work/big$size.bin
	big_program "$size" "$bin" || { echo "run-bench: cannot build $bin" >&2; break; }
	case $size in
	1000) runs=$((REPS * 6)) ;;
	100000) runs=$((REPS * 2)) ;;
	*) runs=$REPS ;;
	esac
	ns=$(compile_ns "$bin" "$runs")
	per=$(awk -v t="$ns" -v n="$size" 'BEGIN { printf "%.1f", t / n }')
	[ -n "$base" ] || base=$per
	printf '%-10s %12s %12s\n' "$size" "$(awk -v t="$ns" 'BEGIN { printf "%.3f", t / 1e6 }')" \
		"$per"
	row "jit_compile_ns_per_insn/$size" "$per" ours-jit-compile-1000 "$base" ns
done
echo
echo "wrote $tsv"

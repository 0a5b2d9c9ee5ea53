#!/bin/sh
# Tier 31: bpfrun's command-line contract (tools/bpfrun.c): results of run
# (raw, xdp, socket_filter, maps, --data-out, --repeat), plugin, asm, disasm,
# and exit status 2 with a message for every kind of bad input. Under a second.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
B="$BUILD/tools/bpfrun"
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT

# check NAME EXPECTED-OUTPUT COMMAND...: stdout must equal EXPECTED, status 0
check() {
	name=$1 want=$2
	shift 2
	got=$("$@" 2>"$T/err")
	st=$?
	if [ "$st" = 0 ] && [ "$got" = "$want" ]; then
		echo "ok bpfrun/$name"
	else
		echo "not ok bpfrun/$name status $st, output '$got', stderr '$(head -c 200 "$T/err")'"
	fi
}

# bad NAME STDERR-PATTERN COMMAND...: status must be 2, stderr must match
bad() {
	name=$1 pat=$2
	shift 2
	"$@" >/dev/null 2>"$T/err"
	st=$?
	if [ "$st" = 2 ] && grep -q -- "$pat" "$T/err"; then
		echo "ok bpfrun/$name"
	else
		echo "not ok bpfrun/$name status $st, stderr '$(head -c 200 "$T/err")'"
	fi
}

if [ ! -x "$B" ]; then
	echo "not ok bpfrun/built $B is missing (make host-tools)"
	exit 0
fi

printf 'mov %%r0, 1\nadd %%r0, 41\nexit\n' >"$T/p.s"
printf 'ldxh %%r0, [%%r1+1]\nadd %%r0, %%r2\nexit\n' >"$T/mem.s"
printf 'r2 = *(u32 *)(r1 +0)\nr3 = *(u32 *)(r1 +4)\nr3 -= r2\nr0 = r3\nexit\n' >"$T/len.s"
printf 'r6 = r1\nr2 = -4\ncall 44\nr1 = *(u32 *)(r6 +0)\n*(u32 *)(r1 +0) = 0x01020304\nr0 = 2\nexit\n' >"$T/head.s"
printf 'r0 = *(u32 *)(r1 +16)\nexit\n' >"$T/proto.s"
printf '*(u32 *)(r10 -4) = 0\nr1 = map[fd:1]\nr2 = r10\nr2 += -4\ncall 1\nif r0 == 0 goto +2\nr0 = *(u32 *)(r0 +0)\nexit\nr0 = 99\nexit\n' >"$T/map.s"
head -c 60 /dev/zero >"$T/pkt60"

for m in --interp --jit; do
	check "run-raw$m" "retval 0x2a" "$B" run $m "$T/p.s"
	check "run-mem$m" "retval 0x3bf" "$B" run $m --mem "aa bb 03 cc" "$T/mem.s"
	check "run-xdp-len$m" "retval 0x3c" "$B" run $m --type xdp --data "$T/pkt60" "$T/len.s"
done
check run-default "retval 0x2a" "$B" run "$T/p.s"
check run-sk-protocol "retval 0x0" "$B" run --type socket_filter --data "$T/pkt60" "$T/proto.s"
check run-map "retval 0x0" "$B" run --map array:4:8:2 --map array:4:4:1 "$T/map.s"
# map 1 is a hash: key 0 is missing until the program adds it
printf '*(u32 *)(r10 -4) = 0\n*(u64 *)(r10 -16) = 99\nr1 = map[fd:1]\nr2 = r10\nr2 += -4\nr3 = r10\nr3 += -16\nr4 = 0\ncall 2\n' >"$T/hash.s"
cat "$T/map.s" >>"$T/hash.s"
check run-hash "retval 0x63" "$B" run --map array:4:8:1 --map hash:4:8:4 "$T/hash.s"
"$B" asm "$T/p.s" -o "$T/p.bin" 2>"$T/err"
check run-bin "retval 0x2a" "$B" run "$T/p.bin"
check asm-words "0x00000001000000b7
0x0000002900000007
0x0000000000000095" "$B" asm "$T/p.s"
check disasm "0: (b7) r0 = 1
1: (07) r0 += 41
2: (95) exit" "$B" disasm "$T/p.s"
check plugin "0x3bf" sh -c "printf '69  10  01  00  00  00  00  00  0f  20  00  00  00  00  00  00  95  00  00  00  00  00  00  00  ' | '$B' plugin aabb03cc --interp"

# --data-out: adjust_head(-4) and a store give 4 more bytes in front
"$B" run --type xdp --data "$T/pkt60" --data-out "$T/out" "$T/head.s" >"$T/ret" 2>"$T/err"
if [ "$(cat "$T/ret")" = "retval 0x2" ] && [ "$(wc -c <"$T/out")" = 64 ] &&
	[ "$(od -An -tx1 -N4 "$T/out" | tr -d ' ')" = 04030201 ]; then
	echo "ok bpfrun/data-out"
else
	echo "not ok bpfrun/data-out $(cat "$T/ret") $(wc -c <"$T/out") bytes"
fi
if "$B" run --jit --repeat 10 "$T/p.s" 2>/dev/null | grep -q '^jit-compile-ns [0-9]*$' ||
	"$B" run --jit "$T/p.s" 2>&1 | grep -q "JIT did not compile"; then
	echo "ok bpfrun/jit-compile-ns"
else
	echo "not ok bpfrun/jit-compile-ns jited, but no jit-compile-ns line"
fi
if "$B" run --interp --repeat 1000 "$T/p.s" | grep -q '^ns/run [0-9.]*$'; then
	echo "ok bpfrun/repeat"
else
	echo "not ok bpfrun/repeat no ns/run line"
fi

printf 'mov %%r0, 1\nfrob %%r0\nexit\n' >"$T/bad.s"
printf 'ja +5\nexit\n' >"$T/range.s"
head -c 12 /dev/zero >"$T/odd.bin"
bad no-file "No such file" "$B" run "$T/none.s"
bad asm-error "line 2" "$B" run "$T/bad.s"
bad bad-hex "not hex" "$B" run --mem 0g "$T/p.s"
bad odd-bin "8-byte" "$B" run "$T/odd.bin"
bad elf-missing "No such file" "$B" run "$T/x.o"
bad jump-range "jump out of range" "$B" run "$T/range.s"
bad short-packet "packet of" "$B" run --type xdp --mem 00 "$T/p.s"
bad bad-type "want raw" "$B" run --type tc "$T/p.s"
bad map-later "not implemented yet" "$B" run --map cpumap:4:4:4 "$T/p.s"
bad map-bad "map creation failed" "$B" run --map array:8:4:4 "$T/p.s"
bad map-fd "not pointing to valid bpf_map" "$B" run "$T/map.s"
bad bad-option "unknown option" "$B" run --frob "$T/p.s"
printf 'r0 = 2\nexit\n' >"$T/v-ok.s"
printf 'exit\n' >"$T/v-bad.s"
"$B" verify --type xdp "$T/v-ok.s" >"$T/vlog" 2>&1
st=$?
if [ $st = 0 ] && grep -q "processed 2 insns" "$T/vlog"; then
	echo "ok bpfrun/verify-accept"
else
	echo "not ok bpfrun/verify-accept status $st: $(tail -n 1 "$T/vlog")"
fi
"$B" verify --type xdp "$T/v-bad.s" >"$T/vlog" 2>&1
st=$?
if [ $st = 1 ] && grep -q "R0 !read_ok" "$T/vlog"; then
	echo "ok bpfrun/verify-reject"
else
	echo "not ok bpfrun/verify-reject status $st: $(tail -n 1 "$T/vlog")"
fi
bad verify-bad-option "unknown option" "$B" verify --frob "$T/p.s"
bad plugin-bad-hex "not hex" sh -c "echo zz | '$B' plugin"
bad no-command "usage" "$B"
printf 'mov %%r1, 0\nldxdw %%r0, [%%r1]\nexit\n' >"$T/fault.s"
bad fault-interp "faulted" "$B" run --interp "$T/fault.s"
bad fault-jit "faulted" "$B" run --jit "$T/fault.s"

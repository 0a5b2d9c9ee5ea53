#!/bin/sh
# Tier 55: the object loader (lib/bpf/libbpf*.c) on clang-built objects
# (tests/progs/*.bpf.o and progs/*.bpf.o). tests/objects/objtest opens each
# object, lists its maps, loads each program alone and runs the accepted ones
# on frames (the firewall with deny prefixes and its counters read back); it is
# built over the host's Linux bpf() (run in a private mount namespace with a
# fresh bpffs, for pinned maps) and over bpfkern's kernel in-process (with
# ASan/UBSan/LSan), and the outputs are compared: one test per object line
# and per program verdict. Where bpf() is unavailable the Linux side is
# skipped and only the bpfkern run is checked. Runtime: about a second.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
dir=$BUILD/tests/objects
ours=$dir/objtest_bpfkern
linux=$dir/objtest_linux
objs=$(echo $(ls "$BUILD"/tests/progs/*.bpf.o "$BUILD"/progs/*.bpf.o 2>/dev/null))

if [ ! -x "$ours" ] || [ ! -x "$linux" ] || [ -z "$objs" ]; then
	echo "not ok objects/build objtest or tests/progs objects not built (make host-tools)"
	exit 0
fi
if ! "$ours" $objs >"$dir/bpfkern.txt" 2>"$dir/bpfkern.err"; then
	echo "not ok objects/bpfkern-run exit status $?: $(grep -m1 -E 'ERROR|runtime error' "$dir/bpfkern.err")"
else
	echo "ok objects/bpfkern-run (sanitizers and leak check clean)"
fi
# bpfrun takes objects: verify's exit status, run's retval, bad input.
bpfrun=$BUILD/tools/bpfrun
progs=$BUILD/tests/progs
bpfrun_case() { # NAME EXPECTED-STATUS EXPECTED-STDOUT-LINE ARGS...
	name=$1 want=$2 line=$3
	shift 3
	out=$("$bpfrun" "$@" 2>"$dir/bpfrun.err")
	st=$?
	if [ "$st" != "$want" ]; then
		echo "not ok objects/bpfrun-$name exit $st, want $want: $(tail -n 1 "$dir/bpfrun.err")"
	elif [ -n "$line" ] && ! printf '%s\n' "$out" | grep -qx "$line"; then
		echo "not ok objects/bpfrun-$name no line \"$line\" in: $(printf '%s' "$out" | tail -n 1)"
	else
		echo "ok objects/bpfrun-$name"
	fi
}
if [ -x "$bpfrun" ]; then
	ip4=$(printf '00%.0s' $(seq 12))0800$(printf '00%.0s' $(seq 50))
	ip6=$(printf '00%.0s' $(seq 12))86dd$(printf '00%.0s' $(seq 50))
	bpfrun_case verify-all 0 "prog sock_count (socket): accepted" verify "$progs/xdp_counter.bpf.o"
	bpfrun_case verify-rejected 1 "verification failed: Permission denied (-13)" \
		verify "$progs/xdp_reject.bpf.o"
	bpfrun_case verify-prog 0 "prog xdp_ok (xdp): accepted" verify --prog xdp_ok "$progs/xdp_reject.bpf.o"
	bpfrun_case verify-unsupported 1 "" verify --prog kprobe_prog "$progs/xdp_reject.bpf.o"
	bpfrun_case run-pass 0 "retval 0x2" run --prog xdp_count --mem "$ip4" "$progs/xdp_counter.bpf.o"
	bpfrun_case run-drop 0 "retval 0x1" run --prog xdp_count --mem "$ip6" "$progs/xdp_counter.bpf.o"
	bpfrun_case run-global 0 "retval 0x2" run --mem "$ip4" "$progs/xdp_global.bpf.o"
	bpfrun_case run-no-prog 2 "" run --prog nope "$progs/xdp_pass.bpf.o"
	printf "not an object" >"$dir/not-elf.o"
	bpfrun_case run-not-elf 2 "" run "$dir/not-elf.o"
else
	echo "not ok objects/bpfrun not built (make host-tools)"
fi

if ! unshare --mount sh -c "mount -t bpf bpf /sys/fs/bpf && exec $linux $objs" >"$dir/linux.txt" \
	2>"$dir/linux.err" || ! grep -q 'load ok' "$dir/linux.txt"; then
	echo "skip objects/linux # bpf() or a private bpffs unavailable: $(head -n 1 "$dir/linux.err")"
	exit 0
fi

# One test per block of the output (tests/objects/compare.awk); the
# differences still open are listed in tests/objects/known-differences.txt.
# The in-process run cannot map ring buffers: their lines are compared in tier 56.
grep -v '^  ringbuf ' "$dir/linux.txt" >"$dir/linux-inproc.txt"
awk -v prefix=objects -v known=tests/objects/known-differences.txt -f tests/objects/compare.awk \
	"$dir/linux-inproc.txt" "$dir/bpfkern.txt"

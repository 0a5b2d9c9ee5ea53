#!/bin/sh
# Tier 60-live: BPF_PROG_TEST_RUN with BPF_F_TEST_XDP_LIVE_FRAMES, the
# argument checks and results (tests/net/livetest.c): bpfkern's kernel
# in-process (sanitizers) against the host's Linux in a network namespace of
# its own (lo only), line by line; where the host's bpf() is unavailable,
# against the recorded Linux 6.18 output. About 1 s. The frames of live runs
# on real ports are tier 60-net's (t_net_live).
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
dir=$BUILD/tests/net
for f in "$dir/livetest_linux" "$dir/livetest_bpfkern"; do
	if [ ! -x "$f" ]; then
		echo "not ok live.build $f missing (make host-tools)"
		exit 1
	fi
done
reference=tests/net/live-expected-linux-6.18.txt
if unshare -n "$dir/livetest_linux" >"$dir/live-linux.txt" 2>/dev/null &&
	grep -q '^bad_flags: ' "$dir/live-linux.txt"; then
	reference=$dir/live-linux.txt
fi
if ! "$dir/livetest_bpfkern" >"$dir/live-ours.txt" 2>"$dir/live-ours.err"; then
	echo "not ok live.ours_exit livetest_bpfkern failed: $(head -3 "$dir/live-ours.err")"
fi
awk -v ours="$dir/live-ours.txt" -v ref="$reference" '
{
	n++
	if ((getline mine < ours) <= 0)
		mine = "(missing)"
	name = $0
	sub(/:.*/, "", name)
	if (mine == $0)
		printf "ok live.%s\n", name
	else
		printf "not ok live.%s %s \"%s\", ours \"%s\"\n", name, ref, $0, mine
}
END {
	if ((getline mine < ours) > 0)
		printf "not ok live.extra-lines ours printed more: \"%s\"\n", mine
	if (!n)
		printf "not ok live.reference %s is empty\n", ref
}' "$reference"

#!/bin/sh
# Tier 60-firewall: the appliance's default XDP program, progs/firewall.bpf.o.
# tests/net/fwtest loads the object, fills its IPv4/IPv6 deny lists and rate
# knob through bpf(), runs frames with BPF_PROG_TEST_RUN and reads verdicts,
# LPM hit counts and per-CPU counters back: once against the host's Linux
# (skipped where bpf() is not permitted) and once against bpfkern's kernel
# in-process (sanitizers). Then bpfrun verifies it and runs two frames.
# About 2 s.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
obj=$BUILD/progs/firewall.bpf.o
bpfrun=$BUILD/tools/bpfrun
for f in "$obj" "$BUILD/tests/net/fwtest_linux" "$BUILD/tests/net/fwtest_bpfkern" "$bpfrun"; do
	if [ ! -f "$f" ]; then
		echo "not ok firewall.build $f missing (make host-tools)"
		exit 1
	fi
done

# One kernel's run: its lines as they are; a crash or a missing summary fails.
run_fwtest() {
	out=$("$BUILD/tests/net/fwtest_$1" "$2" "$obj" 2>&1)
	rc=$?
	echo "$out" | grep -E '^(ok|not ok|skip) '
	if [ $rc -eq 2 ]; then
		return
	fi
	if [ $rc -ne 0 ] || ! echo "$out" | grep -q "^ok firewall.$2.rate_off_again"; then
		echo "not ok firewall.$2.completed exit $rc: $(echo "$out" | grep -v '^ok' | head -3)"
	fi
}
run_fwtest linux linux
run_fwtest bpfkern ours

log=$("$bpfrun" verify --prog xdp_firewall "$obj" 2>&1)
if echo "$log" | grep -q "accepted"; then
	echo "ok firewall.bpfrun.verify"
else
	echo "not ok firewall.bpfrun.verify $(echo "$log" | tail -1)"
fi
# An IPv4/TCP frame from 192.0.2.7 (empty deny list: XDP_PASS) and a cut IPv4 header (XDP_DROP).
tcp=020000000002020000000001080045000032000000004006000
tcp=${tcp}0c0000207c0a80101000000000000000000000000000000000000000000000000
for t in "v4_pass $tcp 0x2" "v4_truncated_drop 020000000002020000000001080045 0x1"; do
	set -- $t
	got=$("$bpfrun" run --prog xdp_firewall --mem "$2" "$obj" 2>&1)
	if [ "$got" = "retval $3" ]; then
		echo "ok firewall.bpfrun.$1"
	else
		echo "not ok firewall.bpfrun.$1 got '$got', want retval $3"
	fi
done

#!/bin/sh
# Tier 4: differential execution against the host's Linux. tests/diff/difftest
# generates random XDP programs (tests/diff/gen.c), runs each one Linux
# accepts through BPF_PROG_TEST_RUN and through `bpfrun run --interp` and
# `--jit`, and compares retval and data_out. DIFF_COUNT programs (default
# 10000) from DIFF_SEED (default 1, so that `make test` is reproducible;
# `make fuzz` runs many more from a fresh seed). Disagreements are saved in
# build/diff-failures/ and replayed with `difftest --one SEED`.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
difftest=$BUILD/tests/diff/difftest
linuxrun=$BUILD/tests/diff/linuxrun
bpfrun=$BUILD/tools/bpfrun
work=$BUILD/diff-work

if [ ! -x "$difftest" ] || [ ! -x "$linuxrun" ]; then
	echo "not ok diff/tools not built (make diff-tools)"
	exit 0
fi
mkdir -p "$work"

# The oracle itself: a 2-instruction XDP_DROP must load and return 1.
printf '\267\000\000\000\001\000\000\000\225\000\000\000\000\000\000\000' >"$work/drop.bin"
if ! out=$("$linuxrun" "$work/drop.bin" 2>&1); then
	reason=$(echo "$out" | head -n 1)
	echo "skip diff # bpf() unavailable: $reason"
	exit 0
fi
if [ "$out" = "retval 0x1" ]; then
	echo "ok diff/linux-oracle"
else
	echo "not ok diff/linux-oracle XDP_DROP gave '$out'"
fi

modes=interp,jit
if [ ! -x "$bpfrun" ]; then
	echo "skip diff/xdp-interp # $bpfrun not built"
	echo "skip diff/xdp-jit # $bpfrun not built"
	modes=none
fi
rm -rf "$BUILD/diff-failures"

# The comparison itself must catch a wrong engine: a bpfrun stand-in whose
# every retval is off (a hex digit 1 put in front) has to be reported on
# every program.
if [ "$modes" != none ]; then
	liar=$work/liar.sh
	printf '#!/bin/sh\n"%s" "$@" | sed "s/^retval 0x/retval 0x1/"\n' \
		"$(cd "$(dirname "$bpfrun")" && pwd)/$(basename "$bpfrun")" >"$liar"
	chmod +x "$liar"
	rm -rf "$work/liar-failures"
	bad=$("$difftest" --seed 2 --count 20 --modes interp --bpfrun "$liar" \
		--failures "$work/liar-failures" --work "$work" | grep -c '^not ok diff/xdp-interp/')
	if [ "$bad" = 20 ]; then
		echo "ok diff/detects-wrong-retval"
	else
		echo "not ok diff/detects-wrong-retval only $bad of 20 wrong answers caught"
	fi
fi
"$difftest" --seed "${DIFF_SEED:-1}" --count "${DIFF_COUNT:-10000}" --jobs 2 \
	--modes "$modes" --bpfrun "$bpfrun" --failures "$BUILD/diff-failures" --work "$work"
exit 0

#!/bin/sh
# Tier 47: soundness fuzzing of the verifier (tests/fuzz/soundness.c).
#
# Every program the verifier accepts runs in an interpreter built with
# BPF_CHECKED_MEM, which checks each load, store and atomic against the
# regions the run may touch (packet, context, stack frames, map values).
# 1. selftest: unverified unsafe programs must be flagged, a safe one not.
# 2. gen: SOUND_TIER_COUNT programs of tests/diff/gen.c from a seed that
#    changes every day (printed, so a failure can be replayed with
#    `soundness --mode gen --seed S --count N`): 0 violations.
# 3. vgen: SOUND_TIER_VGEN programs of tests/verifier/vgen (XDP and socket
#    filters, array and hash maps; many rejected), same seed: 0 violations.
# 4. mutate: SOUND_TIER_MUTATE accepted programs with 1-3 fields changed,
#    same seed: 0 violations. (It found the verifier keeping a stack slot's
#    constant across an atomic read-modify-write: tests/fuzz/known/.)
# 5. loop and loop-mutate: SOUND_TIER_LOOP bpf_loop programs whose callback
#    changes the caller's stack (with BTF func_info), plain and mutated,
#    same seed: 0 violations. (It found a pruning on a stored register
#    thought imprecise: tests/verifier/cases/cb-loop-store-prune.s.)
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
SOUNDNESS=$BUILD/tests/fuzz/soundness
COUNT=${SOUND_TIER_COUNT:-8000}
VCOUNT=${SOUND_TIER_VGEN:-12000}
MCOUNT=${SOUND_TIER_MUTATE:-8000}
LCOUNT=${SOUND_TIER_LOOP:-20000}
VGEN=$BUILD/tests/verifier/vgen
WORK=$BUILD/soundness.$$
trap 'rm -rf "$WORK"' EXIT
SEED=${SOUND_TIER_SEED:-$(( $(date +%s) / 86400 * 1000003 ))}

if [ ! -x "$SOUNDNESS" ]; then
	echo "not ok soundness/build $SOUNDNESS missing (make soundness)"
	exit 0
fi
"$SOUNDNESS" --mode selftest
"$SOUNDNESS" --mode gen --count "$COUNT" --seed "$SEED"
if [ -x "$VGEN" ] && mkdir -p "$WORK" && "$VGEN" --seed "$SEED" --count "$VCOUNT" "$WORK"; then
	"$SOUNDNESS" --mode vgen --dir "$WORK" --seed "$SEED"
else
	echo "not ok soundness/vgen $VGEN missing or failed (make vcorpus)"
fi
"$SOUNDNESS" --mode mutate --count "$MCOUNT" --seed "$SEED"
"$SOUNDNESS" --mode loop --count "$LCOUNT" --seed "$SEED"
"$SOUNDNESS" --mode loop-mutate --count "$LCOUNT" --seed "$SEED"
mkdir -p "$WORK"
for known in tests/fuzz/known/*.s; do
	name=$(basename "$known" .s)
	if "$BUILD/tools/bpfrun" asm -o "$WORK/$name.bin" "$known" >/dev/null 2>&1 &&
		"$SOUNDNESS" --mode file --prog "$WORK/$name.bin" | grep -q 'rejected by the verifier'; then
		echo "ok soundness/known/$name"
	else
		echo "not ok soundness/known/$name: the verifier accepts it again"
	fi
done
exit 0

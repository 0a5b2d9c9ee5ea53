#!/bin/sh
# Tier 48: object-loader fuzzing (tests/fuzz/objfuzz.c). The clang objects of
# tests/progs are mutated (truncation, ELF and section headers, relocations,
# symbols, .BTF and .BTF.ext, instructions, huge counts, byte flips, mixes),
# opened with lib/bpf's loader and loaded into bpfkern's kernel in-process
# (ASan, UBSan, LSan). Every case must end in a clear error or a clean load
# and leave no fd, program, map, BTF object or link behind; one line per
# mutation class. The seed is fixed (OBJFUZZ_TIER_SEED), so the slice is the
# same on every run: a failure is a regression, replayed with
# `objfuzz --seed S --first I --count 1 OBJS` (make fuzz-obj runs random
# seeds at length). About OBJFUZZ_TIER_COUNT / 600 seconds (20 s by default).
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
OBJFUZZ=$BUILD/tests/fuzz/objfuzz
COUNT=${OBJFUZZ_TIER_COUNT:-12000}
SEED=${OBJFUZZ_TIER_SEED:-20261125}
objs=$(echo $(ls "$BUILD"/tests/progs/*.bpf.o "$BUILD"/progs/*.bpf.o 2>/dev/null))
dir=$BUILD/objfuzz-tier

if [ ! -x "$OBJFUZZ" ] || [ -z "$objs" ]; then
	echo "not ok objfuzz/build $OBJFUZZ or the tests/progs objects missing (make host-tools)"
	exit 0
fi
rm -rf "$dir" && mkdir -p "$dir"
# shellcheck disable=SC2086
"$OBJFUZZ" --seed "$SEED" --count "$COUNT" --save "$dir" $objs >"$dir/out.txt" 2>"$dir/err.txt"
st=$?
grep -E '^(ok|not ok|skip) ' "$dir/out.txt"
if [ "$st" != 0 ]; then
	echo "not ok objfuzz/run exit status $st: $(grep -m1 -E 'ERROR|runtime error|objfuzz:' "$dir/err.txt") (see $dir/err.txt)"
else
	echo "ok objfuzz/run $(grep '^# objfuzz:' "$dir/out.txt" | sed 's/^# objfuzz: //') (sanitizers and leak check clean)"
fi
# A damaged object must be refused with a message, not taken: the replay mode on
# a file that is no ELF, and on a truncated header.
printf 'not an object' >"$dir/not-elf.o"
head -c 40 "$(echo $objs | cut -d' ' -f1)" >"$dir/short.o"
if out=$("$OBJFUZZ" --replay "$dir/not-elf.o" "$dir/short.o" 2>&1) &&
	[ "$(printf '%s\n' "$out" | grep -c ': open error$')" = 2 ]; then
	echo "ok objfuzz/replay-refuses-non-objects"
else
	echo "not ok objfuzz/replay-refuses-non-objects got: $(printf '%s' "$out" | tail -n 2 | tr '\n' ' ')"
fi
exit 0

#!/bin/sh
# Tier 66: the x86-64 disassembler of `prog dump jited` (lib/x86_disasm.c)
# against GNU objdump. Every case of the conformance suite (../shared/
# conformance) the host JIT compiles is disassembled by both; each case's
# lines (offset, mnemonic, operands; whitespace folded) must be equal. Then
# random bytes read by both (tests/disasm/compare.py: every instruction we
# decode equals objdump's), and random byte strings through the decoder
# under ASan/UBSan (x86dis fuzz).
# About 20 s. Mismatches: $BUILD/test-logs/disasm/.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
X86DIS=$BUILD/tests/disasm/x86dis
CONF=${CONFORMANCE_DIR:-../shared/conformance/tests}
LOGS=$BUILD/test-logs/disasm
mkdir -p "$LOGS"

if [ ! -x "$X86DIS" ]; then
	echo "not ok disasm-tool $X86DIS missing (run make host-tools)"
	exit 0
fi
if ! command -v objdump >/dev/null; then
	echo "skip disasm-objdump # objdump (binutils) is missing"
	exit 0
fi

# objdump's "off:\tbytes\tinsn" rows as "off:\tinsn", whitespace folded; the
# rows that only continue a long instruction's bytes have no third field.
objdump_lines() {
	objdump -D -b binary -mi386:x86-64 "$1" | awk -F'\t' 'NF >= 3 && $1 ~ /:$/ { print $1 "\t" $3 }' |
		tr -s ' ' | sed 's/ *$//'
}

if [ -d "$CONF" ]; then
	tmp=$LOGS/work
	mkdir -p "$tmp"
	cases=0 insns=0 agree=0 failed=0
	for f in "$CONF"/*.data; do
		name=$(basename "$f" .data)
		"$X86DIS" jit "$f" "$tmp/$name.bin" 2>/dev/null || continue
		cases=$((cases + 1))
		objdump_lines "$tmp/$name.bin" >"$tmp/$name.objdump"
		"$X86DIS" dis "$tmp/$name.bin" | tr -s ' ' | sed 's/ *$//' >"$tmp/$name.ours"
		n=$(wc -l <"$tmp/$name.objdump")
		same=$(paste -d '\n' "$tmp/$name.objdump" "$tmp/$name.ours" | awk 'NR % 2 { a = $0; next } a == $0 { s++ } END { print s + 0 }')
		insns=$((insns + n))
		agree=$((agree + same))
		if cmp -s "$tmp/$name.objdump" "$tmp/$name.ours"; then
			echo "ok disasm-jit $name ($n insns)"
		else
			failed=$((failed + 1))
			diff "$tmp/$name.objdump" "$tmp/$name.ours" >"$LOGS/$name.diff"
			echo "not ok disasm-jit $name $same/$n lines equal to objdump (see $LOGS/$name.diff)"
		fi
	done
	if [ "$cases" -gt 0 ]; then
		echo "ok disasm-jit-summary $cases JIT images, $agree/$insns instructions as objdump prints them"
	else
		echo "not ok disasm-jit-summary no conformance case was JIT-compiled"
	fi
else
	echo "skip disasm-jit # $CONF is missing"
fi

# Random bytes read by both: wherever ours decodes an instruction at an offset
# where objdump starts one, the texts agree (objdump's unused-prefix notes aside).
if command -v python3 >/dev/null; then
	for seed in 1 2; do
		bin=$LOGS/random-$seed.bin
		if "$X86DIS" random "$seed" 20000 "$bin" && objdump_lines "$bin" >"$bin.objdump" &&
			"$X86DIS" dis "$bin" | tr -s ' ' | sed 's/ *$//' >"$bin.ours" &&
			out=$(python3 tests/disasm/compare.py "$bin.ours" "$bin.objdump"); then
			echo "ok disasm-random seed $seed: $out"
		else
			echo "not ok disasm-random seed $seed: $(echo "$out" | head -n 4 | tr '\n' ' ')"
		fi
	done
else
	echo "skip disasm-random # python3 is missing"
fi

# Random bytes: never a crash, a length out of range or an unterminated line.
for seed in 1 2 3; do
	if out=$("$X86DIS" fuzz "$seed" 3000 2>&1); then
		echo "ok disasm-fuzz seed $seed: $(echo "$out" | tail -n 1 | sed 's/^fuzz: //')"
	else
		echo "not ok disasm-fuzz seed $seed: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
	fi
done
exit 0

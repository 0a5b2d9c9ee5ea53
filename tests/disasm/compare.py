#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare lib/x86_disasm.c's reading of random bytes with objdump's.

Usage: compare.py OURS OBJDUMP   (both "off:\\ttext" lines, whitespace folded)

Where both disassemblers start an instruction at the same offset and ours
decoded it (not "(bad)"), the texts must be equal once objdump's notes on
prefixes that change nothing are dropped ("rex.WB ", "data16 ": objdump
prints the prefix it found unused; we print the instruction it prefixes).
Prints one summary line; exits 1 and lists the first differences otherwise.
"""
import re
import sys

NOTE = re.compile(r"\b(rex(\.[WRXB]+)?|data16) ")


def load(path):
    lines = {}
    with open(path) as f:
        for line in f:
            off, sep, text = line.rstrip("\n").partition("\t")
            if sep:
                lines[off.strip()] = text
    return lines


def main():
    ours, theirs = load(sys.argv[1]), load(sys.argv[2])
    decoded = [off for off in ours if off in theirs and ours[off] != "(bad)"]
    differ = [off for off in decoded if ours[off] != NOTE.sub("", theirs[off])]
    print("%d instructions decoded at offsets objdump also starts one, %d equal to objdump's, "
          "%d (bad) where objdump knows more" % (len(decoded), len(decoded) - len(differ),
                                                 sum(1 for o in ours if o in theirs and ours[o] == "(bad)")))
    for off in differ[:10]:
        print("  %s: ours '%s', objdump '%s'" % (off, ours[off], theirs[off]))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

#!/bin/sh
# Fail when any loadable segment of an ELF is both writable and executable.
# Usage: scripts/check-wx.sh build/bpfkern.elf
set -eu
elf=${1:?usage: check-wx.sh ELF}
readelf -lW "$elf" | awk -v elf="$elf" '
	$1 == "LOAD" {
		n++
		flags = ""
		for (i = 7; i < NF; i++)
			flags = flags $i
		if (flags ~ /W/ && flags ~ /E/) {
			printf "check-wx: %s: segment %d (vaddr %s) is writable and executable\n", elf, n, $3
			bad = 1
		}
	}
	END {
		if (n == 0) {
			printf "check-wx: %s: no loadable segment\n", elf
			exit 1
		}
		exit bad
	}' >&2

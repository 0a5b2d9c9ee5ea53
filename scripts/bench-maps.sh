#!/bin/sh
# make bench, map rows: ns per LPM_TRIE lookup from a JIT'd XDP program
# (tests/maps/bench_prog.c: 64 lookups of pseudo-random IPv4 addresses per
# run) in tries of 1K, 64K and 1M prefixes /8../32, ours (host build, our
# loader and JIT) beside the host's Linux (BPF_PROG_TEST_RUN's duration) on
# the same machine: three rounds of each side in turn, each the median of 5
# measurements, and the median round kept. Appends rows to
# $BUILD/bench.tsv (header written if the file is new) and prints a table.
#
# Our host build's nodes come from glibc malloc; the kernels (Linux's and
# ours) reach them through a direct map of large pages, so the host run asks
# glibc for transparent huge pages (GLIBC_TUNABLES), or TLB misses would
# dominate the big tries. Never part of `make test`.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
tsv=$BUILD/bench.tsv
linux=linux-$(uname -r | cut -d. -f1,2)-jit
lx=$BUILD/tests/maps/bench-linux
ours=$BUILD/tests/maps/bench-ours

for tool in "$lx" "$ours"; do
	[ -x "$tool" ] || { echo "bench-maps: $tool not built (make diff-tools)" >&2; exit 1; }
done
[ -s "$tsv" ] || printf 'name\tours\tbaseline\tbaseline_value\tunit\tratio\n' >"$tsv"

# median: the middle of the numbers on stdin (one per line).
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "nan" }'
}

field() {
	awk -v k="$1" '$1 == k { print $2; exit }'
}

printf '%-26s %10s %10s %7s\n' "LPM lookup (ns)" ours "$linux" ratio
for spec in 1k:1000:2000 64k:65536:500 1m:1000000:200; do
	name=${spec%%:*}
	rest=${spec#*:}
	n=${rest%%:*}
	repeat=${rest#*:}
	# three rounds, the two sides in turn (the machine is shared and noisy)
	ls='' os=''
	for round in 1 2 3; do
		l=$("$lx" "$n" "$repeat")
		if [ $? = 2 ]; then
			echo "$l"
			exit 0
		fi
		o=$(GLIBC_TUNABLES=glibc.malloc.hugetlb=1 "$ours" "$n" "$repeat")
		ls="$ls $(echo "$l" | field ns_per_lookup)"
		os="$os $(echo "$o" | field ns_per_lookup)"
	done
	lv=$(echo $ls | tr ' ' '\n' | median)
	ov=$(echo $os | tr ' ' '\n' | median)
	r=$(awk -v a="$ov" -v b="$lv" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }')
	printf 'lpm_lookup_%s_jit\t%s\t%s\t%s\tns\t%s\n' "$name" "$ov" "$linux" "$lv" "$r" >>"$tsv"
	printf '%-26s %10s %10s %7s\n' "$n prefixes /8../32" "$ov" "$lv" "$r"
done

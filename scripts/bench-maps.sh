#!/bin/sh
# make bench, map rows: ns per map operation from a JIT'd XDP program
# (tests/maps/bench_prog.c: 64 lookups or updates of pseudo-random keys per
# run) for ARRAY, HASH, LRU_HASH (u32 keys, all N present) and LPM_TRIE (N
# IPv4 prefixes /8../32, random /32 lookups) at N = 1K, 64K and 1M, ours
# (host build, our loader and JIT) beside the host's Linux
# (BPF_PROG_TEST_RUN's duration) on the same machine: three rounds of each
# side in turn, each the median of 5 measurements, and the median round
# kept. Appends rows MAP_OP_SIZE_jit to $BUILD/bench.tsv (header written if
# the file is new) and prints a table. MAPS_BENCH_CASES="hash:lookup ..."
# limits the cases.
#
# Our host build's memory comes from glibc malloc; the kernels (Linux's and
# ours) reach theirs through a direct map of large pages, so the host run
# asks glibc for transparent huge pages (GLIBC_TUNABLES), or TLB misses would
# dominate the big maps. Both sides count CPU time only (Linux's test_run
# stops its clock while rescheduled; ours reads the thread's CPU clock).
# Never part of `make test`; a few minutes.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
tsv=$BUILD/bench.tsv
linux=linux-$(uname -r | cut -d. -f1,2)-jit
lx=$BUILD/tests/maps/bench-linux
ours=$BUILD/tests/maps/bench-ours
cases=${MAPS_BENCH_CASES:-"array:lookup array:update hash:lookup hash:update lru_hash:lookup lru_hash:update lpm:lookup lpm:update"}

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

printf '%-30s %10s %10s %7s\n' "map operation (ns)" ours "$linux" ratio
for c in $cases; do
	map=${c%%:*}
	op=${c#*:}
	for spec in 1k:1000:2000 64k:65536:500 1m:1000000:200; do
		name=${spec%%:*}
		rest=${spec#*:}
		n=${rest%%:*}
		repeat=${rest#*:}
		# three rounds, the two sides in turn (the machine is shared and noisy)
		ls='' os=''
		for round in 1 2 3; do
			l=$("$lx" "$map" "$op" "$n" "$repeat")
			if [ $? = 2 ]; then
				echo "$l"
				exit 0
			fi
			o=$(GLIBC_TUNABLES=glibc.malloc.hugetlb=1 "$ours" "$map" "$op" "$n" "$repeat")
			ls="$ls $(echo "$l" | field ns_per_op)"
			os="$os $(echo "$o" | field ns_per_op)"
		done
		lv=$(echo $ls | tr ' ' '\n' | median)
		ov=$(echo $os | tr ' ' '\n' | median)
		r=$(awk -v a="$ov" -v b="$lv" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }')
		printf '%s_%s_%s_jit\t%s\t%s\t%s\tns\t%s\n' "$map" "$op" "$name" "$ov" "$linux" "$lv" "$r" >>"$tsv"
		printf '%-30s %10s %10s %7s\n' "$map $op $n" "$ov" "$lv" "$r"
	done
done

#!/bin/sh
# BTF_LOAD of a large real blob, the host's /sys/kernel/btf/vmlinux (about
# 6 MB, 100,000+ types): bpfkern's parser in-process (no sanitizers) beside
# the host Linux's BPF_BTF_LOAD, 7 runs each, medians; one row of
# build/bench.tsv. Skipped without the file or without bpf().
BUILD=${BUILD:-build}
ours=$BUILD/tests/btf/btf_test_bench
linux=$BUILD/tests/btf/btf_test_linux
blob=/sys/kernel/btf/vmlinux
tsv=$BUILD/bench.tsv
[ -f "$tsv" ] || printf 'name\tours\tbaseline\tbaseline_value\tunit\tratio\n' >"$tsv"
if [ ! -r "$blob" ] || [ ! -x "$ours" ] || [ ! -x "$linux" ]; then
	echo "bench-btf: skipped ($blob, $ours or $linux missing)"
	exit 0
fi
median() { # the median of load_ns over 7 runs of $1, in ms
	for i in 1 2 3 4 5 6 7; do "$1" --file "$blob" 2>/dev/null | sed -n 's/^load_ns //p'; done |
		sort -n | sed -n 4p | awk '{ printf "%.1f", $1 / 1e6 }'
}
if ! "$linux" --file "$blob" >/dev/null 2>&1; then
	echo "bench-btf: skipped (Linux refuses $blob or bpf() is unavailable)"
	exit 0
fi
o=$(median "$ours")
l=$(median "$linux")
r=$(awk -v o="$o" -v l="$l" 'BEGIN { printf "%.2f", o / l }')
printf 'btf_load_vmlinux\t%s\tlinux-6.18\t%s\tms\t%s\n' "$o" "$l" "$r" >>"$tsv"
printf '%-28s %10s ms   Linux %10s ms   ratio %s\n' "BTF_LOAD vmlinux BTF" "$o" "$l" "$r"

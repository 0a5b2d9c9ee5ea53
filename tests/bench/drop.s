# Benchmark (a): the smallest XDP program, return XDP_DROP.
mov %r0, 1
exit

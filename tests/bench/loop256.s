# Benchmark (d): a loop of 256 iterations, 6 instructions each
# (1,539 executed). The counter is a known constant, so Linux's verifier
# accepts the back edge as a bounded loop.
mov %r0, 0
mov %r1, 0
loop:
add %r0, %r1
xor %r0, 0x55
lsh %r0, 1
add %r1, 1
jlt %r1, 256, loop
exit

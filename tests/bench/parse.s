# Benchmark (b): parse Ethernet / IPv4 / UDP with the bounds check Linux's
# verifier wants; drop UDP to port 53, pass everything else.
# r1 = struct xdp_md: data at +0, data_end at +4. Loads are little-endian,
# so network-order constants appear byte-swapped (0x0800 -> 0x0008).
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 42
jgt %r4, %r3, pass
ldxh %r5, [%r2+12]
jne %r5, 0x0008, pass
ldxb %r5, [%r2+14]
jne %r5, 0x45, pass
ldxb %r5, [%r2+23]
jne %r5, 17, pass
ldxh %r5, [%r2+36]
jne %r5, 0x3500, pass
mov %r0, 1
exit
pass:
mov %r0, 2
exit

; rule: packet
; variable offset read without a new check
; type: xdp
; expect: reject
; linux: invalid access to packet, off=34 size=2
	r2 = *(u32 *)(r1 +0)
	r3 = *(u32 *)(r1 +4)
	r4 = r2
	r4 += 40
	if r4 > r3 goto out
	r5 = *(u8 *)(r2 +14)
	r5 &= 15
	r5 <<= 2
	r2 += r5
	r0 = *(u16 *)(r2 +34)
	r0 = 2
	exit
out:
	r0 = 1
	exit

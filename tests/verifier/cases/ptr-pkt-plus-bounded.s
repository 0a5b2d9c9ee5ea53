; rule: ptr
; packet pointer + constant, read within the checked range
; type: xdp
; expect: accept
	r2 = *(u32 *)(r1 +0)
	r3 = *(u32 *)(r1 +4)
	r5 = r2
	r5 += 10
	r4 = r2
	r4 += 20
	if r4 > r3 goto out
	r0 = *(u8 *)(r5 +9)
	r0 = 2
	exit
out:
	r0 = 1
	exit

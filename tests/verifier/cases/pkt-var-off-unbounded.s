; rule: packet
; unbounded offset added to a packet pointer
; type: xdp
; expect: reject
; linux: invalid access to packet, off=20 size=2
	r2 = *(u32 *)(r1 +0)
	r3 = *(u32 *)(r1 +4)
	r4 = r2
	r4 += 34
	if r4 > r3 goto out
	r5 = *(u32 *)(r2 +14)
	r2 += r5
	r4 = r2
	r4 += 22
	if r4 > r3 goto out
	r0 = *(u16 *)(r2 +20)
	r0 = 2
	exit
out:
	r0 = 1
	exit

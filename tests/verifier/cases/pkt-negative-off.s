; rule: packet
; before data
; type: xdp
; expect: reject
; linux: invalid access to packet, off=-1 size=1
	r2 = *(u32 *)(r1 +0)
	r3 = *(u32 *)(r1 +4)
	r4 = r2
	r4 += 14
	if r4 > r3 goto out
	r0 = *(u8 *)(r2 -1)
	r0 = 2
	exit
out:
	r0 = 1
	exit

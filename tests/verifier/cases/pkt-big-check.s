; rule: packet
; the largest range Linux tracks
; type: xdp
; expect: accept
	r2 = *(u32 *)(r1 +0)
	r3 = *(u32 *)(r1 +4)
	r4 = r2
	r4 += 65535
	if r4 > r3 goto out
	r5 = r2
	r5 += 0xfff0
	r0 = *(u8 *)(r5 +14)
	r0 = 2
	exit
out:
	r0 = 1
	exit

; rule: control
; a loop bounded by (data_end - data) & 63
; type: xdp
; expect: accept
	r2 = *(u32 *)(r1 +0)
	r3 = *(u32 *)(r1 +4)
	r4 = r3
	r4 -= r2
	r4 &= 63
	r0 = 0
	r5 = 0
loop:
	if r5 >= r4 goto done
	r6 = r2
	r6 += 1
	if r6 > r3 goto done
	r0 += 1
	r2 += 1
	r5 += 1
	goto loop
done:
	r0 &= 3
	exit

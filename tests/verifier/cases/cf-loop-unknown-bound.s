; rule: control
; loop bounded by a masked unknown
; type: xdp
; expect: accept
	call bpf_get_prandom_u32
	r6 = r0
	r6 &= 15
	r0 = 0
loop:
	if r6 == 0 goto done
	r6 -= 1
	r0 += 2
	goto loop
done:
	r0 &= 3
	exit

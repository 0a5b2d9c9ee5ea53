; rule: pruning
; branches inside a loop
; type: xdp
; expect: accept
	r6 = 0
	r7 = 0
loop:
	call bpf_get_prandom_u32
	if r0 > 7 goto skip
	r7 += 1
skip:
	r6 += 1
	if r6 < 50 goto loop
	r0 = 2
	exit

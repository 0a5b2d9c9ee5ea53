; rule: priv
; loops need bpf_capable
; type: socket_filter
; priv: none
; expect: reject
	r0 = 0
	r1 = 0
loop:
	r0 += 3
	r1 += 1
	if r1 < 10 goto loop
	r0 &= 3
	exit

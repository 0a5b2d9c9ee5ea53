; rule: calls
; BPF-to-BPF call with two arguments
; type: xdp
; expect: accept
	r1 = 3
	r2 = 4
	call add
	r0 &= 3
	exit
add:
	r0 = r1
	r0 += r2
	exit

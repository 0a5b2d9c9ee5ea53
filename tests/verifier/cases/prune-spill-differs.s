; rule: pruning
; one path spills a pointer, the other a number
; type: xdp
; expect: reject
; linux: R1 invalid mem access 'scalar'
	call bpf_get_prandom_u32
	if r0 > 9 goto a
	*(u64 *)(r10 -8) = r10
	goto b
a:
	*(u64 *)(r10 -8) = 5
b:
	r1 = *(u64 *)(r10 -8)
	r0 = *(u64 *)(r1 -8)
	r0 = 2
	exit

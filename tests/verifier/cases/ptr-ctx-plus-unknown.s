; rule: ptr
; ctx + unknown (no access: still rejected?)
; type: xdp
; expect: reject
; linux: math between ctx pointer and register with unbounded min value is not allowed
	r6 = r1
	call bpf_get_prandom_u32
	r6 += r0
	r0 = 2
	exit

; rule: ctx
; xdp_md.egress_ifindex -- Linux: egress_ifindex is only for devmap programs (expected_attach_type)
; type: xdp
; expect: reject
; linux: invalid bpf_context access off=20 size=4
	r0 = *(u32 *)(r1 +20)
	r0 = 2
	exit

; rule: stack
; read before any write -- Linux: root may read uninitialised stack (allow_uninit_stack = CAP_PERFMON)
; type: xdp
; expect: accept
	r0 = *(u64 *)(r10 -8)
	exit

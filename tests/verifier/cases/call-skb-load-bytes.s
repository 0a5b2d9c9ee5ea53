; rule: calls
; load_bytes fills the stack buffer
; type: socket_filter
; expect: accept
	r2 = 0
	r3 = r10
	r3 += -16
	r4 = 16
	call bpf_skb_load_bytes
	r0 = *(u64 *)(r10 -16)
	r0 = 0
	exit

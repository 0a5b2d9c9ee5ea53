; rule: calls
; size 0 for a non-zero size argument
; type: socket_filter
; expect: reject
; linux: R4 invalid zero-sized read: u64=[0,0]
	r2 = 0
	r3 = r10
	r3 += -16
	r4 = 0
	call bpf_skb_load_bytes
	r0 = 0
	exit

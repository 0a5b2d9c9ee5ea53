; rule: calls
; size larger than the buffer
; type: socket_filter
; expect: reject
; linux: invalid write to stack R3 off=-16 size=17
	r2 = 0
	r3 = r10
	r3 += -16
	r4 = 17
	call bpf_skb_load_bytes
	r0 = 0
	exit

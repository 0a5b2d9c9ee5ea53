; rule: calls
; r1-r5 are unreadable after a call
; type: xdp
; expect: reject
; linux: R1 !read_ok
	r1 = 5
	call bpf_ktime_get_ns
	r0 = r1
	exit

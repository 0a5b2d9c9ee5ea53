; rule: calls
; r5 too
; type: xdp
; expect: reject
; linux: R5 !read_ok
	r5 = 5
	call bpf_ktime_get_ns
	r0 = r5
	exit

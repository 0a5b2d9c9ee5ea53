; rule: callbacks
; bpf_loop clobbers the caller's r1
; type: xdp
; func_info: global
; expect: reject
; linux: EACCES R1 !read_ok
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = r1
	r0 = 2
	exit
cb:
	r0 = 0
	exit

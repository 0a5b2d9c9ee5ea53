; rule: callbacks
; the callback's r3 is not an argument
; type: xdp
; func_info: global
; expect: reject
; linux: EACCES R3 !read_ok
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r0 = r3
	r0 = 0
	exit

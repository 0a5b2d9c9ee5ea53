; rule: callbacks
; a static function used as a callback and called directly
; type: xdp
; func_info: global
; expect: accept
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r1 = 0
	call cb
	r0 = 2
	exit
cb:
	r0 = 0
	exit

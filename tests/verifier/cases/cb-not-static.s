; rule: callbacks
; a callback must be a static function
; type: xdp
; func_info: global global
; expect: reject
; linux: EINVAL callback function not static
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r0 = 0
	exit

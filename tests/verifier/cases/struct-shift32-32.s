; rule: structure
; shift immediate out of range (32-bit)
; type: xdp
; expect: reject
; linux: invalid shift 32
	w0 = 5
	w0 >>= 32
	exit

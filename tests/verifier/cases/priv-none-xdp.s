; rule: priv
; XDP needs privileges
; type: xdp
; priv: none
; expect: reject
	r0 = 2
	exit

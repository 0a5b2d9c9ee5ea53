; rule: pruning
; nested bounded loops
; type: xdp
; expect: accept
	r8 = 0
outer:
	r9 = 0
inner:
	r9 += 1
	if r9 < 8 goto inner
	r8 += 1
	if r8 < 8 goto outer
	r0 = 2
	exit

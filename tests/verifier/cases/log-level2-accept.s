; rule: log
; log_level 2 trace of an accepted program
; type: xdp
; log_level: 2
; expect: accept
	r2 = *(u32 *)(r1 +0)
	r3 = *(u32 *)(r1 +4)
	r4 = r2
	r4 += 14
	if r4 > r3 goto out
	r0 = *(u16 *)(r2 +12)
	r0 = 2
	exit
out:
	r0 = 1
	exit

; rule: structure
; LD_ABS is for socket filters only
; type: xdp
; expect: reject
; linux: BPF_LD_[ABS|IND] instructions not allowed for this program type
	r6 = r1
	r0 = *(u8 *)skb[12]
	exit

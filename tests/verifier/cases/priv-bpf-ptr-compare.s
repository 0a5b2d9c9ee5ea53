; rule: priv
; comparing two pointers
; type: xdp
; maps: hash:4:8:16
; priv: bpf
; expect: reject
; linux: R10 pointer comparison prohibited
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	if r0 > r10 goto out
out:
	r0 = 2
	exit

; rule: map
; 8 bytes at 4 in an 8-byte value
; type: xdp
; maps: hash:4:8:16
; expect: reject
; linux: invalid access to map value, value_size=8 off=4 size=8
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	*(u64 *)(r0 +4) = 9
out:
	r0 = 2
	exit

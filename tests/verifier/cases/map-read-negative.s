; rule: map
; read before the value
; type: xdp
; maps: array:4:64:4
; expect: reject
; linux: invalid access to map value, value_size=64 off=-1 size=1
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r1 = *(u8 *)(r0 -1)
out:
	r0 = 2
	exit

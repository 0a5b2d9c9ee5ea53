; rule: bounds
; Linux types get_prandom_u32 as a full 64-bit unknown (RET_INTEGER): s<= 3 then <= 66 leaves [0, 66]
; type: xdp
; maps: array:4:64:4
; expect: reject
; linux: invalid access to map value, value_size=64 off=66 size=1
	call bpf_get_prandom_u32
	r7 = r0
	if r7 s> 3 goto out
	if r7 > 66 goto out
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r0 += r7
	r0 = *(u8 *)(r0 +0)
out:
	r0 = 2
	exit

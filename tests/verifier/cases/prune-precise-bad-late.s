; rule: pruning
; one path makes the index 50+... still in bounds? no: 50 is fine
; type: xdp
; maps: array:4:16:4
; expect: reject
; linux: invalid access to map value, value_size=16 off=50 size=1
	r9 = 0
	call bpf_get_prandom_u32
	if r0 > 100 goto d0
	r9 = 1
d0:
	call bpf_get_prandom_u32
	if r0 > 100 goto d1
	r9 = 1
d1:
	call bpf_get_prandom_u32
	if r0 > 100 goto d2
	r9 = 1
d2:
	call bpf_get_prandom_u32
	if r0 > 100 goto d3
	r9 = 1
d3:
	call bpf_get_prandom_u32
	if r0 > 100 goto d4
	r9 = 1
d4:
	call bpf_get_prandom_u32
	if r0 > 100 goto d5
	r9 = 1
d5:
	call bpf_get_prandom_u32
	if r0 > 100 goto d6
	r9 = 1
d6:
	call bpf_get_prandom_u32
	if r0 > 100 goto d7
	r9 = 1
d7:
	call bpf_get_prandom_u32
	if r0 > 100 goto d8
	r9 = 1
d8:
	call bpf_get_prandom_u32
	if r0 > 100 goto d9
	r9 = 1
d9:
	call bpf_get_prandom_u32
	if r0 > 100 goto d10
	r9 = 1
d10:
	call bpf_get_prandom_u32
	if r0 > 100 goto d11
	r9 = 50
d11:
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r0 += r9
	r0 = *(u8 *)(r0 +0)
out:
	r0 = 2
	exit

; rule: pruning
; 40 independent branches: 2^40 paths without pruning
; type: xdp
; expect: accept
	r6 = r1
	r7 = 0
	call bpf_get_prandom_u32
	if r0 > 100 goto d0
	r7 += 1
	r7 -= 1
d0:
	call bpf_get_prandom_u32
	if r0 > 100 goto d1
	r7 += 1
	r7 -= 1
d1:
	call bpf_get_prandom_u32
	if r0 > 100 goto d2
	r7 += 1
	r7 -= 1
d2:
	call bpf_get_prandom_u32
	if r0 > 100 goto d3
	r7 += 1
	r7 -= 1
d3:
	call bpf_get_prandom_u32
	if r0 > 100 goto d4
	r7 += 1
	r7 -= 1
d4:
	call bpf_get_prandom_u32
	if r0 > 100 goto d5
	r7 += 1
	r7 -= 1
d5:
	call bpf_get_prandom_u32
	if r0 > 100 goto d6
	r7 += 1
	r7 -= 1
d6:
	call bpf_get_prandom_u32
	if r0 > 100 goto d7
	r7 += 1
	r7 -= 1
d7:
	call bpf_get_prandom_u32
	if r0 > 100 goto d8
	r7 += 1
	r7 -= 1
d8:
	call bpf_get_prandom_u32
	if r0 > 100 goto d9
	r7 += 1
	r7 -= 1
d9:
	call bpf_get_prandom_u32
	if r0 > 100 goto d10
	r7 += 1
	r7 -= 1
d10:
	call bpf_get_prandom_u32
	if r0 > 100 goto d11
	r7 += 1
	r7 -= 1
d11:
	call bpf_get_prandom_u32
	if r0 > 100 goto d12
	r7 += 1
	r7 -= 1
d12:
	call bpf_get_prandom_u32
	if r0 > 100 goto d13
	r7 += 1
	r7 -= 1
d13:
	call bpf_get_prandom_u32
	if r0 > 100 goto d14
	r7 += 1
	r7 -= 1
d14:
	call bpf_get_prandom_u32
	if r0 > 100 goto d15
	r7 += 1
	r7 -= 1
d15:
	call bpf_get_prandom_u32
	if r0 > 100 goto d16
	r7 += 1
	r7 -= 1
d16:
	call bpf_get_prandom_u32
	if r0 > 100 goto d17
	r7 += 1
	r7 -= 1
d17:
	call bpf_get_prandom_u32
	if r0 > 100 goto d18
	r7 += 1
	r7 -= 1
d18:
	call bpf_get_prandom_u32
	if r0 > 100 goto d19
	r7 += 1
	r7 -= 1
d19:
	call bpf_get_prandom_u32
	if r0 > 100 goto d20
	r7 += 1
	r7 -= 1
d20:
	call bpf_get_prandom_u32
	if r0 > 100 goto d21
	r7 += 1
	r7 -= 1
d21:
	call bpf_get_prandom_u32
	if r0 > 100 goto d22
	r7 += 1
	r7 -= 1
d22:
	call bpf_get_prandom_u32
	if r0 > 100 goto d23
	r7 += 1
	r7 -= 1
d23:
	call bpf_get_prandom_u32
	if r0 > 100 goto d24
	r7 += 1
	r7 -= 1
d24:
	call bpf_get_prandom_u32
	if r0 > 100 goto d25
	r7 += 1
	r7 -= 1
d25:
	call bpf_get_prandom_u32
	if r0 > 100 goto d26
	r7 += 1
	r7 -= 1
d26:
	call bpf_get_prandom_u32
	if r0 > 100 goto d27
	r7 += 1
	r7 -= 1
d27:
	call bpf_get_prandom_u32
	if r0 > 100 goto d28
	r7 += 1
	r7 -= 1
d28:
	call bpf_get_prandom_u32
	if r0 > 100 goto d29
	r7 += 1
	r7 -= 1
d29:
	call bpf_get_prandom_u32
	if r0 > 100 goto d30
	r7 += 1
	r7 -= 1
d30:
	call bpf_get_prandom_u32
	if r0 > 100 goto d31
	r7 += 1
	r7 -= 1
d31:
	call bpf_get_prandom_u32
	if r0 > 100 goto d32
	r7 += 1
	r7 -= 1
d32:
	call bpf_get_prandom_u32
	if r0 > 100 goto d33
	r7 += 1
	r7 -= 1
d33:
	call bpf_get_prandom_u32
	if r0 > 100 goto d34
	r7 += 1
	r7 -= 1
d34:
	call bpf_get_prandom_u32
	if r0 > 100 goto d35
	r7 += 1
	r7 -= 1
d35:
	call bpf_get_prandom_u32
	if r0 > 100 goto d36
	r7 += 1
	r7 -= 1
d36:
	call bpf_get_prandom_u32
	if r0 > 100 goto d37
	r7 += 1
	r7 -= 1
d37:
	call bpf_get_prandom_u32
	if r0 > 100 goto d38
	r7 += 1
	r7 -= 1
d38:
	call bpf_get_prandom_u32
	if r0 > 100 goto d39
	r7 += 1
	r7 -= 1
d39:
	r0 = r7
	r0 &= 3
	exit

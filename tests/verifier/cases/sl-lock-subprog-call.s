; rule: spin_lock
; a BPF-to-BPF call while holding the lock
; type: xdp
; maps: array:4:16:1:lock0
; func_info: global
; expect: accept
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r6 = r0
	r1 = r6
	call bpf_spin_lock
	call sub
	r1 = r6
	call bpf_spin_unlock
out:
	r0 = 2
	exit
sub:
	r0 = 0
	exit

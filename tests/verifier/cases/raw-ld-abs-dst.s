; rule: structure
; LD_ABS with dst_reg set
; type: socket_filter
; raw: 0x00000000000016bf 0x0000000c00000130 0x0000000000000095
; expect: reject
; linux: BPF_LD_[ABS|IND] uses reserved fields
; (the program is the ; raw: words above)

; rule: structure
; mov immediate with src_reg set
; type: xdp
; raw: 0x00000001000010b7 0x0000000000000095
; expect: reject
; linux: BPF_MOV uses reserved fields
; (the program is the ; raw: words above)

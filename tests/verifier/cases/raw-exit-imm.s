; rule: structure
; exit with imm set
; type: xdp
; raw: 0x00000000000000b7 0x0000000100000095
; expect: reject
; linux: BPF_EXIT uses reserved fields
; (the program is the ; raw: words above)

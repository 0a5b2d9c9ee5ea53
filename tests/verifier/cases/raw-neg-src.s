; rule: structure
; neg with src_reg set
; type: xdp
; raw: 0x00000000000000b7 0x0000000000001087 0x0000000000000095
; expect: reject
; linux: BPF_NEG uses reserved fields
; (the program is the ; raw: words above)

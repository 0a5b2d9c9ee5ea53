; rule: structure
; goto with src_reg set
; type: xdp
; raw: 0x00000000000000b7 0x0000000000001005 0x0000000000000095
; expect: reject
; linux: BPF_JA uses reserved fields
; (the program is the ; raw: words above)

; rule: structure
; store immediate with src_reg set
; type: xdp
; raw: 0x00000000000000b7 0x00000000fff81a7a 0x0000000000000095
; expect: reject
; linux: BPF_ST uses reserved fields
; (the program is the ; raw: words above)

; rule: structure
; call with src_reg 3
; type: xdp
; raw: 0x0000000500003085 0x00000000000000b7 0x0000000000000095
; expect: reject
; linux: BPF_CALL uses reserved fields
; (the program is the ; raw: words above)

; rule: structure
; register compare with imm set
; type: xdp
; raw: 0x00000000000000b7 0x000000050000001d 0x0000000000000095
; expect: reject
; linux: BPF_JMP/JMP32 uses reserved fields
; (the program is the ; raw: words above)

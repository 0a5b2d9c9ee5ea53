; rule: structure
; opcode 0x00 (LD|IMM|W) is not an instruction
; type: xdp
; raw: 0x00000000000000b7 0x0000000000000000 0x0000000000000095
; expect: reject
; linux: unknown opcode 00
; (the program is the ; raw: words above)

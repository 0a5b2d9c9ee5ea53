; rule: structure
; LD_ABS of 8 bytes does not exist
; type: xdp
; raw: 0x00000000000000b7 0x0000000000000038 0x0000000000000095
; expect: reject
; linux: unknown opcode 38
; (the program is the ; raw: words above)

; rule: structure
; atomic add of one byte
; type: xdp
; raw: 0x00000000fff80a7a 0x00000001000001b7 0x00000000fff81ad3 0x00000000000000b7 0x0000000000000095
; expect: reject
; linux: invalid atomic operand size
; (the program is the ; raw: words above)

; rule: structure
; ALU64 operation 0xf0 does not exist
; type: xdp
; raw: 0x00000000000000b7 0x00000000000000ff 0x0000000000000095
; expect: reject
; linux: unknown opcode ff
; (the program is the ; raw: words above)

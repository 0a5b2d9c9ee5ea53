; rule: structure
; lddw as the last insn, no second half
; type: xdp
; raw: 0x00000000000000b7 0x0000000000000095 0x0000000000000018
; expect: reject
; linux: last insn is not an exit or jmp
; (the program is the ; raw: words above)

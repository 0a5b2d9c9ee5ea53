; rule: structure
; source register r12
; type: xdp
; raw: 0x00000000000000b7 0x000000000000c1bf 0x0000000000000095
; expect: reject
; linux: R12 is invalid
; (the program is the ; raw: words above)

; rule: structure
; register r11 does not exist
; type: xdp
; raw: 0x0000000100000bb7 0x00000000000000b7 0x0000000000000095
; expect: reject
; linux: R11 is invalid
; (the program is the ; raw: words above)

; rule: structure
; a valid program given as raw words
; type: xdp
; raw: 0x00000002000000b7 0x0000000000000095
; expect: accept
; (the program is the ; raw: words above)

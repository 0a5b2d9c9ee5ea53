; rule: structure
; movsx with size 7
; type: xdp
; raw: 0x00000000000000b7 0x00000000000700bf 0x0000000000000095
; expect: reject
; linux: BPF_MOV uses reserved fields
; (the program is the ; raw: words above)

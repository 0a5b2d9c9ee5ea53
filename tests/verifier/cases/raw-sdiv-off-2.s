; rule: structure
; div with off 2 (only 0 and 1)
; type: xdp
; raw: 0x00000006000000b7 0x0000000300020037 0x0000000000000095
; expect: reject
; linux: BPF_ALU uses reserved fields
; (the program is the ; raw: words above)

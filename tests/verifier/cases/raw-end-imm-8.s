; rule: structure
; byte swap of 8 bits
; type: xdp
; raw: 0x00000000000000b7 0x00000008000000dc 0x0000000000000095
; expect: reject
; linux: BPF_END uses reserved fields
; (the program is the ; raw: words above)

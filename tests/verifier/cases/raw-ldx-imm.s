; rule: structure
; load with imm set
; type: xdp
; raw: 0x00000000fff80a7a 0x00000001fff8a079 0x0000000000000095
; expect: reject
; linux: BPF_LDX uses reserved fields
; (the program is the ; raw: words above)

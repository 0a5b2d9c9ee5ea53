; rule: structure
; atomic with operation 0x0f
; type: xdp
; raw: 0x00000000fff80a7a 0x00000001000001b7 0x0000000ffff81adb 0x00000000000000b7 0x0000000000000095
; expect: reject
; linux: BPF_ATOMIC uses invalid atomic opcode 0f
; (the program is the ; raw: words above)

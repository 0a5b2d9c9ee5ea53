; rule: structure
; mov with a non-zero off (not a movsx size)
; type: xdp
; raw: 0x00000001000100b7 0x0000000000000095
; expect: reject
; linux: BPF_MOV uses reserved fields
; (the program is the ; raw: words above)

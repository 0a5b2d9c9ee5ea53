; rule: structure
; second half of an lddw with a non-zero code
; type: xdp
; raw: 0x0000000000000018 0x0000000000000001 0x0000000000000095
; expect: reject
; linux: invalid bpf_ld_imm64 insn
; (the program is the ; raw: words above)

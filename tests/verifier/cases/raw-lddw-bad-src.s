; rule: structure
; lddw with pseudo source 7
; type: xdp
; raw: 0x0000000000007018 0x0000000000000000 0x00000000000000b7 0x0000000000000095
; expect: reject
; linux: unrecognized bpf_ld_imm64 insn
; (the program is the ; raw: words above)

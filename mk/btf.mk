# BTF (kernel/bpf/btf.c, docs/btf.md): the differential BTF test of tier
# 25-btf, built over the host's Linux bpf() and over bpfkern's kernel code
# in-process (sanitizers), as tests/syscall's test is.
BTF_TEST_LINUX := $(BUILD)/tests/btf/btf_test_linux
BTF_TEST_OURS := $(BUILD)/tests/btf/btf_test_bpfkern

$(BTF_TEST_LINUX): tests/btf/btf_test.c lib/bpf/bpf.c tests/syscall/sys_bpf_linux.c \
		include/bpf/bpf.h include/uapi/linux/bpf.h include/uapi/linux/btf.h
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) -Iinclude/uapi -o $@ $(filter %.c,$^)

$(BUILD)/host-san/tests/btf/btf_test_inproc.o: tests/btf/btf_test.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) -Iinclude/uapi $(SANFLAGS) -DBPFKERN_INPROC -MMD -MP \
		-c $< -o $@

$(BTF_TEST_OURS): $(BUILD)/host-san/tests/btf/btf_test_inproc.o $(CORE_SAN_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $^

host-tools: $(BTF_TEST_LINUX) $(BTF_TEST_OURS)

# make fuzz: BTF_FUZZ_COUNT corrupt blobs from FUZZ_SEED through both kernels,
# every verdict compared (tier 25-btf runs 60,000 of them).
BTF_FUZZ_COUNT ?= 1000000
fuzz: fuzz-btf
fuzz-btf: $(BTF_TEST_LINUX) $(BTF_TEST_OURS)
	$(Q)$(BTF_TEST_LINUX) --mutate $(BTF_FUZZ_COUNT) $(FUZZ_SEED) >$(BUILD)/tests/btf/fuzz-linux.txt
	$(Q)$(BTF_TEST_OURS) --mutate $(BTF_FUZZ_COUNT) $(FUZZ_SEED) >$(BUILD)/tests/btf/fuzz-bpfkern.txt
	$(Q)cmp -s $(BUILD)/tests/btf/fuzz-linux.txt $(BUILD)/tests/btf/fuzz-bpfkern.txt && \
		echo "btf fuzz: $(BTF_FUZZ_COUNT) blobs from seed $(FUZZ_SEED), same verdicts" || \
		{ diff $(BUILD)/tests/btf/fuzz-linux.txt $(BUILD)/tests/btf/fuzz-bpfkern.txt | head; exit 1; }
.PHONY: fuzz-btf

# make bench: BTF_LOAD of the host's vmlinux BTF, ours (no sanitizers) beside Linux's.
BTF_TEST_BENCH := $(BUILD)/tests/btf/btf_test_bench
$(BUILD)/host/tests/btf/btf_test_inproc.o: tests/btf/btf_test.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) -O2 -Iinclude/uapi -DBPFKERN_INPROC -MMD -MP -c $< -o $@

$(BTF_TEST_BENCH): $(BUILD)/host/tests/btf/btf_test_inproc.o $(CORE_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) -o $@ $^

bench-tools: $(BTF_TEST_BENCH) $(BTF_TEST_LINUX)

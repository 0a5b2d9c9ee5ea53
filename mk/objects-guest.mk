# The object loader's test in the guest (tier 56-objects-guest): objtest
# (tests/objects/objtest.c, a user program: the Makefile lists it) linked
# with lib/bpf for ring 3, run under init with utest=objtest over every
# progs/*.bpf.o and tests/progs/*.bpf.o as boot modules (/boot).
$(BUILD)/user/bin/objtest.elf: $(USER_LIBBPF_OBJS)

objects-guest: $(KERNEL_BIN) $(PROGS_OBJS) $(TEST_BPF_OBJS) $(OBJTEST_LINUX)
.PHONY: objects-guest

# objtest drains ring buffer maps (lib/bpf/ringbuf.c, not in LIBBPF_OBJ_SRCS).
$(OBJTEST_LINUX): lib/bpf/ringbuf.c
$(BUILD)/user/bin/objtest.elf: $(BUILD)/user/lib/bpf/ringbuf.c.o

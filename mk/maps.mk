# The map family's extra build rules (docs/maps.md).

# Ring-3 programs over lib/bpf: the ring buffer consumer test links libbpf's
# syscall wrappers and lib/bpf/ringbuf.c (tests/user/t_ringbuf.c).
$(BUILD)/user/bin/t_ringbuf.elf: $(BUILD)/user/lib/bpf/bpf.c.o $(BUILD)/user/lib/bpf/ringbuf.c.o
$(BUILD)/user/bin/t_mmap.elf: $(BUILD)/user/lib/bpf/bpf.c.o
.SECONDARY: $(BUILD)/user/lib/bpf/ringbuf.c.o

# The same tests against the host's Linux (tier 50-maps-ring3).
RINGBUF_TEST_LINUX := $(BUILD)/tests/maps/t_ringbuf_linux
MMAP_TEST_LINUX := $(BUILD)/tests/maps/t_mmap_linux

$(RINGBUF_TEST_LINUX): tests/user/t_ringbuf.c lib/bpf/bpf.c lib/bpf/ringbuf.c \
		tests/syscall/sys_bpf_linux.c include/bpf/bpf.h include/bpf/libbpf.h
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) -I. -o $@ $(filter %.c,$^)

$(MMAP_TEST_LINUX): tests/user/t_mmap.c lib/bpf/bpf.c tests/syscall/sys_bpf_linux.c \
		include/bpf/bpf.h
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) -I. -o $@ $(filter %.c,$^)

diff-tools: $(RINGBUF_TEST_LINUX) $(MMAP_TEST_LINUX)

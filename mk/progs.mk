# The packet path's build rules (issue 7): the BPF programs of progs/ (the
# appliance's default firewall and examples), built with clang -target bpf
# against Debian's libbpf-dev headers into build/progs/*.bpf.o as part of
# `make all`, and the firewall's test (tests/net/fwtest.c, tier 60-firewall),
# built over the host's Linux bpf() and over bpfkern's kernel in-process.
PROGS_SRCS := $(wildcard progs/*.bpf.c)
PROGS_OBJS := $(patsubst progs/%.c,$(BUILD)/progs/%.o,$(PROGS_SRCS))

$(BUILD)/progs/%.bpf.o: progs/%.bpf.c $(wildcard progs/*.h)
	@mkdir -p $(dir $@)
	@echo "  CLANG   $<"
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

progs: $(PROGS_OBJS)
all: progs
.PHONY: progs

FWTEST_LINUX := $(BUILD)/tests/net/fwtest_linux
FWTEST_OURS := $(BUILD)/tests/net/fwtest_bpfkern

$(FWTEST_LINUX): tests/net/fwtest.c progs/firewall.h $(LIBBPF_OBJ_SRCS) \
		tests/syscall/sys_bpf_linux.c $(wildcard lib/bpf/*.h) include/bpf/bpf.h \
		include/bpf/libbpf.h
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) -I. -o $@ $(filter %.c,$^)

$(BUILD)/host-san/tests/net/fwtest_inproc.o: tests/net/fwtest.c progs/firewall.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) -I. $(SANFLAGS) -DBPFKERN_INPROC -MMD -MP -c $< -o $@

$(FWTEST_OURS): $(BUILD)/host-san/tests/net/fwtest_inproc.o $(CORE_SAN_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $^

host-tools: $(FWTEST_LINUX) $(FWTEST_OURS) $(PROGS_OBJS)

# The live-frames test run's checks (tests/net/livetest.c, tier 60-live):
# the same program over the host's Linux bpf() and over bpfkern in-process.
LIVETEST_LINUX := $(BUILD)/tests/net/livetest_linux
LIVETEST_OURS := $(BUILD)/tests/net/livetest_bpfkern

$(LIVETEST_LINUX): tests/net/livetest.c lib/bpf/bpf.c tests/syscall/sys_bpf_linux.c \
		include/bpf/bpf.h include/uapi/linux/bpf.h
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) -o $@ $(filter %.c,$^)

$(BUILD)/host-san/tests/net/livetest_inproc.o: tests/net/livetest.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) $(SANFLAGS) -DBPFKERN_INPROC -MMD -MP -c $< -o $@

$(LIVETEST_OURS): $(BUILD)/host-san/tests/net/livetest_inproc.o $(CORE_SAN_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $^

host-tools: $(LIVETEST_LINUX) $(LIVETEST_OURS)

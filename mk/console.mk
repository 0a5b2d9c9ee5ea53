# The appliance console and boot configuration (issue 8, parts 3-4): init
# and the console link the object loader (lib/bpf) and user/appliance.c; the
# console also the disassembler (prog dump xlated). `make run` boots with the
# default firewall (build/progs/firewall.bpf.o) as a module, attached to
# eth0 by the command line (scripts/qemu-run.sh: PROGS=, XDP=, APPEND=).
USER_LIBBPF_OBJS := $(patsubst %,$(BUILD)/user/%.o,$(LIBBPF_OBJ_SRCS))
CONSOLE_OBJS := $(BUILD)/user/user/appliance.c.o $(USER_LIBBPF_OBJS)

$(BUILD)/user/bin/init.elf: $(CONSOLE_OBJS)
$(BUILD)/user/bin/console.elf: $(CONSOLE_OBJS) $(BUILD)/user/user/console_bpf.c.o \
	$(BUILD)/user/user/console_btf.c.o \
	$(BUILD)/user/kernel/bpf/disasm.c.o

run: $(BUILD)/progs/firewall.bpf.o

# The x86-64 disassembler (lib/x86_disasm.c) of `prog dump jited`: in the
# console, and in the host tool of tier 66-disasm (tests/disasm/x86dis.c,
# sanitizers on), which compares it with objdump on every JIT image of the
# conformance suite and fuzzes it with random bytes.
X86DIS := $(BUILD)/tests/disasm/x86dis
$(BUILD)/user/bin/console.elf: $(BUILD)/user/lib/x86_disasm.c.o
$(X86DIS): $(BUILD)/host-san/tests/disasm/x86dis.c.o $(BUILD)/host-san/lib/x86_disasm.c.o \
	$(CORE_SAN_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $^
host-tools: $(X86DIS)

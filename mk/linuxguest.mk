# The Linux guest of make bench (tools/linuxguest, scripts/linux-guest.sh):
# its /init, a static glibc program. Its own files use the system's
# <linux/*.h>; firewall.c and lib/bpf (the project's object loader, over the
# guest's bpf() through tests/syscall/sys_bpf_linux.c, as objtest_linux) the
# project's uapi. The kernel and initramfs come from scripts/linux-guest.sh
# (it downloads Debian's packages, so it runs from scripts/bench-guest.sh,
# which skips the Linux rows when it cannot).
LINUXGUEST_INIT := $(BUILD)/linux-guest/init
LINUXGUEST_SRCS := $(filter-out %/firewall.c,$(wildcard tools/linuxguest/*.c))
LINUXGUEST_LIBBPF_SRCS := tools/linuxguest/firewall.c $(LIBBPF_OBJ_SRCS) \
	tests/syscall/sys_bpf_linux.c
LINUXGUEST_OBJS := $(patsubst %,$(BUILD)/linux-guest/obj/%.o,$(LINUXGUEST_SRCS)) \
	$(patsubst %,$(BUILD)/linux-guest/obj/libbpf/%.o,$(LINUXGUEST_LIBBPF_SRCS))

$(BUILD)/linux-guest/obj/tools/%.c.o: tools/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 $(WARN) -MMD -MP -c $< -o $@

$(BUILD)/linux-guest/obj/libbpf/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) -O2 -I. -MMD -MP -c $< -o $@

$(LINUXGUEST_INIT): $(LINUXGUEST_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@ (static)"
	$(Q)$(HOSTCC) -static -o $@ $^

-include $(LINUXGUEST_OBJS:.o=.d)

linux-guest: $(LINUXGUEST_INIT) $(BUILD)/progs/firewall.bpf.o
	$(Q)BUILD=$(BUILD) scripts/linux-guest.sh

# tests/user/b_live runs the firewall too: it loads /boot/firewall.bpf.o with lib/bpf.
$(BUILD)/user/bin/b_live.elf: $(BUILD)/user/tools/linuxguest/firewall.c.o $(USER_LIBBPF_OBJS)

bench-tools: $(LINUXGUEST_INIT)
.PHONY: linux-guest

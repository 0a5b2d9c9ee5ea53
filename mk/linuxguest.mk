# The Linux guest of make bench (tools/linuxguest, scripts/linux-guest.sh):
# its /init, a static glibc program built against the system's <linux/*.h>.
# The kernel and initramfs come from scripts/linux-guest.sh (it downloads
# Debian's packages, so it runs from scripts/bench-guest.sh, which skips the
# Linux rows when it cannot).
LINUXGUEST_INIT := $(BUILD)/linux-guest/init
LINUXGUEST_SRCS := $(wildcard tools/linuxguest/*.c)

$(LINUXGUEST_INIT): $(LINUXGUEST_SRCS) $(wildcard tools/linuxguest/*.h)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@ (static)"
	$(Q)$(HOSTCC) -std=gnu11 -O2 -static $(WARN) -o $@ $(LINUXGUEST_SRCS)

linux-guest: $(LINUXGUEST_INIT)
	$(Q)BUILD=$(BUILD) scripts/linux-guest.sh

bench-tools: $(LINUXGUEST_INIT)
.PHONY: linux-guest

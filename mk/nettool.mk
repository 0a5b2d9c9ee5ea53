# The end-to-end traffic generator of make bench (tools/nettool_gen.c):
# sendmmsg/recvmmsg over loopback UDP, the same for both guests
# (tests/net/bench.py runs it; tier 60's sustained-TX test too).
NETTOOL_GEN := $(BUILD)/tools/nettool_gen

$(NETTOOL_GEN): tools/nettool_gen.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) -std=gnu11 -O2 $(WARN) -o $@ $<

host-tools: $(NETTOOL_GEN)
bench-tools: $(NETTOOL_GEN)

# The verifier's own build rules (issue 4; the corpus tools vlinux/vgen and
# the soundness fuzzer are in the Makefile).
#
# vbench: our verifier's processed-insn count and time per corpus program,
# in-process (scripts/bench-verifier.sh sets it beside vlinux's Linux figures).
VBENCH := $(BUILD)/tests/verifier/vbench

$(VBENCH): $(BUILD)/host/tests/verifier/vbench.c.o $(CORE_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) -o $@ $^

bench-tools: $(VBENCH) vcorpus
host-tools: $(VBENCH)

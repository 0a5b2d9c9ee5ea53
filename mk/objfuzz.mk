# Object-loader fuzzing (tests/fuzz/objfuzz.c, tier 48-objfuzz): lib/bpf's
# loader and bpfkern's kernel in-process, built with ASan/UBSan/LSan, on
# mutants of the clang objects of tests/progs. make fuzz runs OBJFUZZ_COUNT
# cases from FUZZ_SEED, running what loads (--run); a crashing mutant is saved in
# $(BUILD)/objfuzz-crashes. The known mutants of tests/fuzz/objknown are replayed first.
OBJFUZZ := $(BUILD)/tests/fuzz/objfuzz
OBJFUZZ_COUNT ?= 200000

$(OBJFUZZ): $(BUILD)/host-san/tests/fuzz/objfuzz.c.o $(CORE_SAN_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $^

objfuzz: $(OBJFUZZ) $(TEST_BPF_OBJS)
host-tools: objfuzz

fuzz: fuzz-obj
fuzz-obj: objfuzz
	$(Q)mkdir -p $(BUILD)/objfuzz-crashes
	$(Q)for f in tests/fuzz/objknown/*.o; do \
		$(OBJFUZZ) --replay --run $$f >/dev/null 2>&1 && echo "objfuzz: known $$f: fixed" || \
		echo "objfuzz: known $$f: still fails (tests/fuzz/objknown/README)"; done
	$(Q)$(OBJFUZZ) --seed $(FUZZ_SEED) --count $(OBJFUZZ_COUNT) --save $(BUILD)/objfuzz-crashes \
		--run $(TEST_BPF_OBJS) $(wildcard $(BUILD)/progs/*.bpf.o)

.PHONY: objfuzz fuzz-obj

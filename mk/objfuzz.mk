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

# The ring-3 bpf() fuzzer (tests/user/t_fuzz.c) at length: one boot with
# utest=t_fuzz and TFUZZ_CALLS calls from FUZZ_SEED (read by t_fuzz from
# /proc/cmdline); the boot must exit 33: no panic, every result an errno,
# every page back once its fds are closed. Log: $(BUILD)/test-logs/fuzz-user.log.
TFUZZ_CALLS ?= 3000000
fuzz: fuzz-user
fuzz-user: $(KERNEL_BIN)
	$(Q)mkdir -p $(BUILD)/test-logs
	$(Q)timeout 7200 qemu-system-x86_64 -cpu max -m 64M -display none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -monitor none \
		-serial file:$(BUILD)/test-logs/fuzz-user.log -kernel $(KERNEL_BIN) \
		-append "utest=t_fuzz t_fuzz.calls=$(TFUZZ_CALLS) t_fuzz.seed=$(FUZZ_SEED)" \
		</dev/null >/dev/null 2>&1; st=$$?; \
	tr -d '\r' <$(BUILD)/test-logs/fuzz-user.log | grep -E '^(# t_fuzz|ok|not ok)'; \
	if [ $$st = 33 ]; then echo "fuzz-user: ok"; else \
		echo "fuzz-user: QEMU exit status $$st, wanted 33 (see $(BUILD)/test-logs/fuzz-user.log)"; \
		exit 1; fi

.PHONY: fuzz-user

# The same harness under libFuzzer (clang, coverage-guided, objfuzz's
# mutation classes as its custom mutator): the portable core and lib/bpf
# built once more with clang into $(BUILD)/host-libfuzzer. Not part of
# make fuzz (a second build of the core); run for OBJFUZZ_SECONDS on a corpus
# seeded with the tests/progs objects; crashes land in $(BUILD)/objfuzz-crashes.
OBJFUZZ_LF := $(BUILD)/tests/fuzz/objfuzz-libfuzzer
OBJFUZZ_SECONDS ?= 600
LF_CFLAGS := -std=gnu11 -O1 -g -fno-strict-aliasing $(WARN) -Wno-unused-function $(INCLUDES) \
	-D__BPFKERN_HOST__ -fsanitize=address,undefined,fuzzer-no-link -MMD -MP
LF_OBJS := $(patsubst %,$(BUILD)/host-libfuzzer/%.o,$(CORE_SRCS))

$(BUILD)/host-libfuzzer/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CLANG   $< (libFuzzer)"
	$(Q)$(CLANG) $(LF_CFLAGS) -c $< -o $@

$(BUILD)/host-libfuzzer/tests/fuzz/objfuzz-lf.o: tests/fuzz/objfuzz.c
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(LF_CFLAGS) -DOBJFUZZ_LIBFUZZER -c $< -o $@

$(OBJFUZZ_LF): $(BUILD)/host-libfuzzer/tests/fuzz/objfuzz-lf.o $(LF_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(CLANG) -fsanitize=address,undefined,fuzzer -o $@ $^

fuzz-obj-libfuzzer: $(OBJFUZZ_LF) $(TEST_BPF_OBJS)
	$(Q)mkdir -p $(BUILD)/objfuzz-corpus $(BUILD)/objfuzz-crashes
	$(Q)cp $(TEST_BPF_OBJS) $(wildcard $(BUILD)/progs/*.bpf.o) $(BUILD)/objfuzz-corpus/
	$(Q)$(OBJFUZZ_LF) -max_total_time=$(OBJFUZZ_SECONDS) -max_len=65536 \
		-artifact_prefix=$(BUILD)/objfuzz-crashes/ $(BUILD)/objfuzz-corpus

.PHONY: fuzz-obj-libfuzzer

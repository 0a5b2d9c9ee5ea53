# bpfkern: top-level Makefile. Everything is built out of tree into $(BUILD).
#
#   make          kernel ELF, flat image for QEMU -kernel, GRUB ISO, host tools
#   make run      boot the appliance (GRUB ISO) in QEMU
#   make test     every test tier; last line "N passed, N failed"
#   make bench    benchmarks; tables on stdout, build/bench.tsv
#   make deps     install the Debian packages the build needs (run/test call it)
#   make clean    remove build products but keep the cached newlib
#   make distclean  remove all of build/

BUILD ?= build
Q ?= @

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

# ---------------------------------------------------------------------------
# Toolchain and flags
# ---------------------------------------------------------------------------
CC := gcc
LD := ld
OBJCOPY := objcopy
HOSTCC := gcc
CLANG := clang

WARN := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-address-of-packed-member
INCLUDES := -I. -Iinclude -Iinclude/uapi

NEWLIB := $(BUILD)/newlib
NEWLIB_STAMP := $(NEWLIB)/.built
NEWLIB_INC := $(NEWLIB)/x86_64-elf/include
NEWLIB_LIB := $(NEWLIB)/x86_64-elf/lib

# The kernel: freestanding, higher-half (-mcmodel=kernel), frame pointers
# kept for backtraces. SSE is enabled in boot/ before any C runs.
KCFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie -mno-red-zone \
	-mcmodel=kernel -fno-stack-protector -fno-omit-frame-pointer \
	-fno-strict-aliasing -fno-common -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-isystem $(NEWLIB_INC) $(WARN) $(INCLUDES) -D__BPFKERN_KERNEL__ -MMD -MP
KASFLAGS := -g $(INCLUDES) -D__BPFKERN_KERNEL__ -D__ASSEMBLY__ -MMD -MP
KLDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack -T linker.ld
KLIBS := $(NEWLIB_LIB)/libc.a $(NEWLIB_LIB)/libm.a $(shell $(CC) -print-libgcc-file-name)

# Host builds of the portable core (tools and tests).
HOSTCFLAGS := -std=gnu11 -O2 -g -fno-strict-aliasing $(WARN) $(INCLUDES) -D__BPFKERN_HOST__ -MMD -MP
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

# ---------------------------------------------------------------------------
# Sources. Directories are globbed: adding a file to a subsystem needs no
# Makefile change. Files named *_host.c are host-only; *_kern.c kernel-only.
# ---------------------------------------------------------------------------
KERNEL_SRCS := $(wildcard boot/*.S arch/x86_64/*.S arch/x86_64/*.c kernel/*.c kernel/mm/*.c \
	kernel/bpf/*.c kernel/net/*.c drivers/*.c lib/*.c)
# lib/x86_disasm.c serves the console and the host tools, not the kernel.
KERNEL_SRCS := $(filter-out %_host.c lib/x86_disasm.c,$(KERNEL_SRCS))
KERNEL_OBJS := $(patsubst %,$(BUILD)/kernel/%.o,$(KERNEL_SRCS))

# The portable BPF core as the host tools link it.
CORE_SRCS := $(filter-out %_kern.c,$(wildcard kernel/bpf/*.c)) $(wildcard arch/x86_64/bpf_jit*.c) \
	$(wildcard lib/bpf/*.c) $(wildcard tools/host/*.c) kernel/file.c kernel/task.c kernel/net/dev.c
CORE_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(CORE_SRCS))
CORE_SAN_OBJS := $(patsubst %,$(BUILD)/host-san/%.o,$(CORE_SRCS))

KERNEL_ELF := $(BUILD)/bpfkern.elf
KERNEL_BIN := $(BUILD)/bpfkern.bin
KERNEL_ISO := $(BUILD)/bpfkern.iso
BPFRUN := $(BUILD)/tools/bpfrun

# ---------------------------------------------------------------------------
# Ring-3 programs (user/ and tests/user/): static ELF64 at 4 MiB, linked with a
# second newlib built for user space (-mcmodel=small, cached in
# build/newlib-user), and embedded in the kernel image as blobs
# (build/user/blobs.S, a table kernel/process.c finds them in by name).
# ---------------------------------------------------------------------------
NEWLIB_USER := $(BUILD)/newlib-user
NEWLIB_USER_STAMP := $(NEWLIB_USER)/.built
UCFLAGS := -std=gnu11 -O2 -g -fno-pic -fno-pie -mcmodel=small -fno-stack-protector \
	-fno-omit-frame-pointer -fno-strict-aliasing -nostdinc -Iuser/include \
	-isystem $(shell $(CC) -print-file-name=include) -isystem $(NEWLIB_USER)/x86_64-elf/include \
	$(WARN) -Wno-missing-field-initializers $(INCLUDES) -MMD -MP
ULDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack -T user/linker.ld
ULIBS := $(NEWLIB_USER)/x86_64-elf/lib/libc.a $(shell $(CC) -print-libgcc-file-name)
USER_RT_OBJS := $(BUILD)/user/user/crt0.S.o $(BUILD)/user/user/syscalls.c.o
# One program per source file; a program's extra objects are listed below.
USER_PROG_SRCS := user/init.c user/console.c $(wildcard tests/user/*.c tests/console/t_*.c) tests/syscall/syscall_test.c \
	tests/btf/btf_test.c tests/objects/objtest.c
USER_PROGS := $(basename $(notdir $(USER_PROG_SRCS)))
USER_BLOBS := $(patsubst %,$(BUILD)/user/bin/%,$(USER_PROGS))
USER_BLOBS_OBJ := $(BUILD)/kernel/user_blobs.S.o
KERNEL_OBJS += $(USER_BLOBS_OBJ)

$(NEWLIB_USER_STAMP): scripts/build-newlib.sh
	@echo "  NEWLIB  building user-space newlib once into $(NEWLIB_USER) (about 2 minutes)"
	$(Q)scripts/build-newlib.sh $(NEWLIB_USER) user
	$(Q)touch $@

$(BUILD)/user/%.c.o: %.c | $(NEWLIB_USER_STAMP)
	@mkdir -p $(dir $@)
	@echo "  UCC     $<"
	$(Q)$(CC) $(UCFLAGS) -c $< -o $@

$(BUILD)/user/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@

# One program: its object, the runtime, newlib. The blob is the stripped ELF.
$(BUILD)/user/bin/%.elf: $(USER_RT_OBJS) user/linker.ld $(NEWLIB_USER_STAMP)
	@mkdir -p $(dir $@)
	@echo "  ULD     $@"
	$(Q)$(LD) $(ULDFLAGS) -o $@ $(USER_RT_OBJS) $(filter-out $(USER_RT_OBJS),$(filter %.o,$^)) \
		$(ULIBS)

USER_PROG_OBJS := $(patsubst %,$(BUILD)/user/%.o,$(USER_PROG_SRCS))
$(foreach p,$(USER_PROG_SRCS),$(eval $(BUILD)/user/bin/$(basename $(notdir $(p))).elf: \
	$(BUILD)/user/$(p).o))
# The bpf() user test of tests/syscall (tier 25 runs it on Linux), in ring 3 over lib/bpf.
$(BUILD)/user/bin/syscall_test.elf: $(BUILD)/user/lib/bpf/bpf.c.o
$(BUILD)/user/bin/btf_test.elf: $(BUILD)/user/lib/bpf/bpf.c.o

$(BUILD)/user/bin/%: $(BUILD)/user/bin/%.elf
	$(Q)$(OBJCOPY) --strip-debug $< $@

$(BUILD)/user/blobs.S: $(USER_BLOBS) Makefile
	@mkdir -p $(dir $@)
	$(Q){ echo '/* Generated by the Makefile: the ring-3 programs (include/bpfkern/process.h). */'; \
	  echo '.section .rodata'; \
	  $(foreach p,$(USER_PROGS),echo '$(p)_name: .asciz "$(p)"'; \
	    echo '.balign 16'; echo '$(p)_start: .incbin "$(BUILD)/user/bin/$(p)"'; echo '$(p)_end:';) \
	  echo '.balign 8'; echo '.global user_programs, nr_user_programs'; echo 'user_programs:'; \
	  $(foreach p,$(USER_PROGS),echo '.quad $(p)_name, $(p)_start, $(p)_end';) \
	  echo 'nr_user_programs: .quad $(words $(USER_PROGS))'; \
	  echo '.section .note.GNU-stack, "", @progbits'; } > $@

$(USER_BLOBS_OBJ): $(BUILD)/user/blobs.S $(USER_BLOBS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -c $< -o $@

user-progs: $(USER_BLOBS)
.PHONY: user-progs
.SECONDARY: $(USER_RT_OBJS) $(USER_PROG_OBJS) $(BUILD)/user/lib/bpf/bpf.c.o \
	$(addsuffix .elf,$(USER_BLOBS))

all: $(KERNEL_ELF) $(KERNEL_BIN) $(KERNEL_ISO) host-tools

# ---------------------------------------------------------------------------
# newlib: built once, cached in build/ (make clean keeps it)
# ---------------------------------------------------------------------------
$(NEWLIB_STAMP): scripts/build-newlib.sh
	@echo "  NEWLIB  building newlib once into $(NEWLIB) (about 2 minutes)"
	$(Q)scripts/build-newlib.sh $(NEWLIB)
	$(Q)touch $@

newlib: $(NEWLIB_STAMP)

# ---------------------------------------------------------------------------
# Kernel
# ---------------------------------------------------------------------------
$(BUILD)/kernel/%.c.o: %.c | $(NEWLIB_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/kernel/%.S.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@

# Two-pass link: the second pass embeds the symbol table of the first so that
# backtraces can name functions (scripts/gen-ksyms.sh).
$(BUILD)/bpfkern.pass1.elf: $(KERNEL_OBJS) $(BUILD)/kernel/ksyms_empty.o linker.ld
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/kernel/ksyms_empty.o $(KLIBS)

$(BUILD)/kernel/ksyms_empty.o: scripts/gen-ksyms.sh
	@mkdir -p $(dir $@)
	$(Q)scripts/gen-ksyms.sh /dev/null > $(BUILD)/kernel/ksyms_empty.c
	$(Q)$(CC) $(KCFLAGS) -c $(BUILD)/kernel/ksyms_empty.c -o $@

$(BUILD)/kernel/ksyms.o: $(BUILD)/bpfkern.pass1.elf scripts/gen-ksyms.sh
	$(Q)scripts/gen-ksyms.sh $< > $(BUILD)/kernel/ksyms.c
	$(Q)$(CC) $(KCFLAGS) -c $(BUILD)/kernel/ksyms.c -o $@

$(KERNEL_ELF): $(KERNEL_OBJS) $(BUILD)/kernel/ksyms.o linker.ld
	@echo "  LD      $@"
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/kernel/ksyms.o $(KLIBS)
	$(Q)scripts/check-wx.sh $@

$(KERNEL_BIN): $(KERNEL_ELF)
	$(Q)$(OBJCOPY) -O binary $< $@

$(KERNEL_ISO): $(KERNEL_ELF) boot/grub.cfg
	@echo "  ISO     $@"
	$(Q)rm -rf $(BUILD)/iso && mkdir -p $(BUILD)/iso/boot/grub
	$(Q)$(OBJCOPY) --strip-debug $(KERNEL_ELF) $(BUILD)/iso/boot/bpfkern.elf
	$(Q)cp boot/grub.cfg $(BUILD)/iso/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(BUILD)/iso >$(BUILD)/grub-mkrescue.log 2>&1 || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }

kernel: $(KERNEL_ELF) $(KERNEL_BIN)
iso: $(KERNEL_ISO)

# ---------------------------------------------------------------------------
# Host builds of the portable core
# ---------------------------------------------------------------------------
$(BUILD)/host/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -c $< -o $@

$(BUILD)/host-san/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $< (sanitizers)"
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(SANFLAGS) -c $< -o $@

$(BPFRUN): $(BUILD)/host/tools/bpfrun.c.o $(BUILD)/host/tools/bpfrun_obj.c.o $(CORE_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) -o $@ $^

# The conformance runner (tests/conformance): the suite in-process, per runtime.
CONFORMANCE_RUNNER := $(BUILD)/tests/conformance/runner
$(CONFORMANCE_RUNNER): $(BUILD)/host/tests/conformance/runner.c.o $(CORE_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) -o $@ $^

host-tools: $(BPFRUN) $(CONFORMANCE_RUNNER)

# The bpf() user test (tests/syscall), twice: against the host's Linux (the
# real system call) and against bpfkern's kernel code in-process (sanitizers).
SYSCALL_TEST_LINUX := $(BUILD)/tests/syscall/syscall_test_linux
SYSCALL_TEST_OURS := $(BUILD)/tests/syscall/syscall_test_bpfkern
SYSCALL_TEST_CFLAGS := -std=gnu11 -O1 -g $(WARN) -Wno-missing-field-initializers -Iinclude \
	-Iinclude/uapi

$(SYSCALL_TEST_LINUX): tests/syscall/syscall_test.c lib/bpf/bpf.c tests/syscall/sys_bpf_linux.c \
		include/bpf/bpf.h include/uapi/linux/bpf.h
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) -o $@ $(filter %.c,$^)

$(BUILD)/host-san/tests/syscall/syscall_test_inproc.o: tests/syscall/syscall_test.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) $(SANFLAGS) -DBPFKERN_INPROC -MMD -MP -c $< -o $@

$(SYSCALL_TEST_OURS): $(BUILD)/host-san/tests/syscall/syscall_test_inproc.o $(CORE_SAN_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $^

host-tools: $(SYSCALL_TEST_LINUX) $(SYSCALL_TEST_OURS)

# BPF objects written as users write them (tests/progs, clang -target bpf
# against libbpf-dev's headers) and the object loader's differential test
# (tests/objects, tier 55-objects): built over the host's Linux bpf() and
# over bpfkern's kernel code in-process (sanitizers).
TEST_BPF_SRCS := $(wildcard tests/progs/*.bpf.c)
TEST_BPF_OBJS := $(patsubst tests/progs/%.c,$(BUILD)/tests/progs/%.o,$(TEST_BPF_SRCS))
BPF_CFLAGS := -target bpf -O2 -g -Wall -Werror -I/usr/include/x86_64-linux-gnu

$(BUILD)/tests/progs/%.bpf.o: tests/progs/%.bpf.c
	@mkdir -p $(dir $@)
	@echo "  CLANG   $<"
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

OBJTEST_LINUX := $(BUILD)/tests/objects/objtest_linux
# lib/bpf's syscall wrappers and object loader (no kernel code: asm.c needs the disassembler's tables).
LIBBPF_OBJ_SRCS := lib/bpf/bpf.c lib/bpf/elf.c lib/bpf/btf.c $(wildcard lib/bpf/libbpf*.c)
OBJTEST_OURS := $(BUILD)/tests/objects/objtest_bpfkern

$(OBJTEST_LINUX): tests/objects/objtest.c $(LIBBPF_OBJ_SRCS) tests/syscall/sys_bpf_linux.c \
		$(wildcard lib/bpf/*.h) include/bpf/bpf.h include/bpf/libbpf.h
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SYSCALL_TEST_CFLAGS) -o $@ $(filter %.c,$^)

$(OBJTEST_OURS): $(BUILD)/host-san/tests/objects/objtest.c.o $(CORE_SAN_OBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $^

host-tools: $(OBJTEST_LINUX) $(OBJTEST_OURS) $(TEST_BPF_OBJS)

# Host unit tests: every tests/unit/test_*.c is one binary, linked with the
# sanitizer build of the portable core (the allocator tests: see below).
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRCS))
UNIT_LIB_SRCS := $(filter-out tests/unit/lib/mm_host.c,$(wildcard tests/unit/lib/*.c))
UNIT_LIB_OBJS := $(patsubst %,$(BUILD)/host-san/%.o,$(UNIT_LIB_SRCS))

$(BUILD)/tests/unit/%: $(BUILD)/host-san/tests/unit/%.c.o $(CORE_SAN_OBJS) $(UNIT_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $^

# The allocator tests link kernel/mm itself (its kmalloc, not the host port's)
# with tests/unit/lib/mm_host.c (__va/__pa over an arena, printk, panic).
MM_UNIT_SRCS := kernel/mm/page_alloc.c kernel/mm/slab.c tests/unit/lib/mm_host.c
MM_UNIT_OBJS := $(patsubst %,$(BUILD)/host-san/%.o,$(MM_UNIT_SRCS))
MM_UNIT_BINS := $(BUILD)/tests/unit/test_page_alloc $(BUILD)/tests/unit/test_slab

$(MM_UNIT_BINS): $(BUILD)/tests/unit/%: $(BUILD)/host-san/tests/unit/%.c.o $(MM_UNIT_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $^

unit-tests: $(UNIT_BINS) $(TEST_BPF_OBJS)

# ---------------------------------------------------------------------------
# Differential tests and benchmarks (tests/diff): host tools that talk to the
# host's own bpf(). They include the SYSTEM's <linux/bpf.h>, so they are built
# without -Iinclude/uapi (which would shadow it).
# ---------------------------------------------------------------------------
DIFF_CFLAGS := -std=gnu11 -O2 -g -fno-strict-aliasing $(WARN) -MMD -MP
DIFFTEST := $(BUILD)/tests/diff/difftest
LINUXRUN := $(BUILD)/tests/diff/linuxrun
DIFF_OBJ := $(BUILD)/diff/tests/diff

$(DIFF_OBJ)/%.c.o: tests/diff/%.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) $(DIFF_CFLAGS) -c $< -o $@

$(DIFFTEST): $(DIFF_OBJ)/difftest.c.o $(DIFF_OBJ)/bisect.c.o $(DIFF_OBJ)/gen.c.o \
		$(DIFF_OBJ)/linux_bpf.c.o
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -o $@ $^

$(LINUXRUN): $(DIFF_OBJ)/linuxrun.c.o $(DIFF_OBJ)/linux_bpf.c.o
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -o $@ $^

diff-tools: $(DIFFTEST) $(LINUXRUN)

# The map family's differential test (tests/maps, tier 50-maps-diff): the
# sequences of seq.c through the host's bpf() (system headers) and through
# our map ops (the host build of the core).
MAPS_LINUX := $(BUILD)/tests/maps/maps-linux
MAPS_OURS := $(BUILD)/tests/maps/maps-ours

$(BUILD)/diff/tests/maps/%.c.o: tests/maps/%.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) $(DIFF_CFLAGS) -c $< -o $@

$(MAPS_LINUX): $(BUILD)/diff/tests/maps/seq.c.o $(BUILD)/diff/tests/maps/linux_backend.c.o
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -o $@ $^

$(MAPS_OURS): $(BUILD)/host/tests/maps/seq.c.o $(BUILD)/host/tests/maps/ours_backend.c.o \
		$(CORE_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -o $@ $^

diff-tools: $(MAPS_LINUX) $(MAPS_OURS)

# The map benchmark (scripts/bench-maps.sh, part of make bench): the same
# LPM-lookup program on the host's Linux and on our loader and JIT.
MAPS_BENCH := $(BUILD)/tests/maps/bench-linux $(BUILD)/tests/maps/bench-ours

$(BUILD)/tests/maps/bench-linux: $(BUILD)/diff/tests/maps/bench_linux.c.o \
		$(BUILD)/diff/tests/maps/bench_prog.c.o
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -o $@ $^

$(BUILD)/tests/maps/bench-ours: $(BUILD)/host/tests/maps/bench_ours.c.o \
		$(BUILD)/host/tests/maps/bench_prog.c.o $(CORE_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -o $@ $^

diff-tools: $(MAPS_BENCH)

# make fuzz: the differential test at length. FUZZ_COUNT Linux-accepted
# programs from FUZZ_SEED (both may come from the environment).
FUZZ_COUNT ?= 200000
FUZZ_SEED ?= $(shell date +%s)
fuzz: fuzz-diff
fuzz-diff: host-tools diff-tools
	$(Q)$(DIFFTEST) --seed $(FUZZ_SEED) --count $(FUZZ_COUNT) --jobs 2 --bpfrun $(BPFRUN) \
		--failures $(BUILD)/diff-failures --work $(BUILD)/diff-work

.PHONY: diff-tools fuzz fuzz-diff

# Soundness fuzzing (tests/fuzz, tier 47): the verifier's accepted programs
# run in an interpreter built with BPF_CHECKED_MEM (every load and store
# checked against the run's regions). make fuzz runs SOUND_COUNT gen and
# mutation programs and SOUND_VGEN_COUNT of vgen's.
SOUNDNESS := $(BUILD)/tests/fuzz/soundness
SOUND_COUNT ?= 1000000
CHECKED_CORE := $(BUILD)/host-checked/kernel/bpf/core.c.o

$(CHECKED_CORE): kernel/bpf/core.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $< (BPF_CHECKED_MEM)"
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -DBPF_CHECKED_MEM -c $< -o $@

$(SOUNDNESS): $(BUILD)/host/tests/fuzz/soundness.c.o $(DIFF_OBJ)/gen.c.o $(CHECKED_CORE) \
		$(filter-out $(BUILD)/host/kernel/bpf/core.c.o,$(CORE_OBJS))
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) -o $@ $^

soundness: $(SOUNDNESS)
host-tools: soundness
fuzz: fuzz-soundness
SOUND_VGEN_COUNT ?= 100000
fuzz-soundness: $(SOUNDNESS) $(BUILD)/tests/verifier/vgen
	$(Q)$(SOUNDNESS) --mode selftest
	$(Q)$(SOUNDNESS) --mode gen --count $(SOUND_COUNT) --seed $(FUZZ_SEED)
	$(Q)rm -rf $(BUILD)/soundness-vgen && mkdir -p $(BUILD)/soundness-vgen
	$(Q)$(BUILD)/tests/verifier/vgen --seed $(FUZZ_SEED) --count $(SOUND_VGEN_COUNT) \
		$(BUILD)/soundness-vgen
	$(Q)$(SOUNDNESS) --mode vgen --dir $(BUILD)/soundness-vgen --seed $(FUZZ_SEED)
	$(Q)$(SOUNDNESS) --mode mutate --count $(SOUND_COUNT) --seed $(FUZZ_SEED)

.PHONY: soundness fuzz-soundness

# ---------------------------------------------------------------------------
# The verifier's differential corpus (tests/verifier): vgen writes seeded
# programs, vlinux loads corpus programs into the host's Linux verifier. vlinux
# includes the SYSTEM <linux/bpf.h> (no -Iinclude/uapi) and links the
# project's assembler, so both verifiers see the same instructions.
# ---------------------------------------------------------------------------
VCORPUS_CFLAGS := -std=gnu11 -O2 -g -fno-strict-aliasing $(WARN) -Iinclude -MMD -MP
VCORPUS_OBJ := $(BUILD)/vcorpus
VCORPUS_BINS := $(BUILD)/tests/verifier/vlinux $(BUILD)/tests/verifier/vgen

$(VCORPUS_OBJ)/%.c.o: tests/verifier/%.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) $(VCORPUS_CFLAGS) -c $< -o $@

$(BUILD)/tests/verifier/vlinux: $(VCORPUS_OBJ)/vlinux.c.o $(BUILD)/host/lib/bpf/asm.c.o \
		$(BUILD)/host/kernel/bpf/disasm.c.o
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -o $@ $^

$(BUILD)/tests/verifier/vgen: $(VCORPUS_OBJ)/vgen.c.o
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -o $@ $^

vcorpus: $(VCORPUS_BINS)
host-tools: vcorpus

.PHONY: vcorpus

# ---------------------------------------------------------------------------
# Subsystems' own build rules (tools, test programs, fuzz and bench targets):
# one mk/NAME.mk each, so that adding one needs no edit here.
# ---------------------------------------------------------------------------
bench-tools:
.PHONY: bench-tools
include $(sort $(wildcard mk/*.mk))

# ---------------------------------------------------------------------------
# Running and testing
# ---------------------------------------------------------------------------
deps:
	$(Q)scripts/deps.sh

run: deps all
	$(Q)scripts/qemu-run.sh $(KERNEL_ISO)

test: deps
	$(Q)$(MAKE) --no-print-directory all unit-tests diff-tools
	$(Q)scripts/run-tests.sh

# make bench: scripts/run-bench.sh starts build/bench.tsv; every other
# scripts/bench-*.sh appends its rows (bench-tools: what they need built).
bench: deps
	$(Q)$(MAKE) --no-print-directory all diff-tools bench-tools
	$(Q)scripts/run-bench.sh
	$(Q)for s in scripts/bench-*.sh; do KERNEL=$(KERNEL_BIN) BUILD=$(BUILD) $$s || exit 1; done

format:
	$(Q)clang-format -i $$(scripts/format-files.sh)

clean:
	$(Q)find $(BUILD) -mindepth 1 -maxdepth 1 ! -name newlib ! -name newlib-user -exec rm -rf {} + 2>/dev/null || true

distclean:
	$(Q)rm -rf $(BUILD)

.PHONY: all kernel iso newlib host-tools unit-tests deps run test bench format clean distclean

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

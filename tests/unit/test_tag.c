// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kernel/bpf/tag.c: the program tag is the first 8 bytes of
 * the SHA-256 of the instructions (Linux 6.18), so programs whose bytes are
 * a known pattern must have the tags Python's hashlib gives for the same
 * bytes (lengths around the 55/56/64-byte padding edges and many blocks),
 * and the fd of a map lddw must not matter. The tag of real programs is
 * compared with Linux's in tests/syscall.
 */
#define UNIT_SUITE "tag"
#include "lib/unit.h"
#include <bpfkern/bpf.h>

/* A program of n instructions whose byte i is (i * 37 + 11) mod 256. */
static struct bpf_prog *pattern_prog(u32 n)
{
	struct bpf_prog *prog = bpf_prog_alloc(n);
	u8 *bytes;
	u32 i;

	if (!prog)
		return NULL;
	bytes = (u8 *)prog->insnsi;
	for (i = 0; i < n * 8; i++)
		bytes[i] = (u8)(i * 37 + 11);
	return prog;
}

static bool tag_is(const struct bpf_prog *prog, u64 want)
{
	u64 got = 0;
	int i;

	for (i = 0; i < 8; i++)
		got = got << 8 | prog->tag[i];
	return got == want;
}

UNIT_TEST(sha256_known_lengths)
{
	/* hashlib.sha256(bytes((i * 37 + 11) & 255 for i in range(8 * n))).hexdigest()[:16] */
	static const struct {
		u32 n;
		u64 tag;
	} v[] = {
		{ 1, 0xada1a184226d6b2full },	 { 7, 0x31454ff48ef36af2ull },
		{ 8, 0x94eb5de4943613fdull },	 { 15, 0x5df24dd802ac2613ull },
		{ 16, 0x0aedd4856f8eba09ull },	 { 125, 0x57799de80e3dd6e2ull },
		{ 1000, 0xadf2b4b54741b047ull },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		struct bpf_prog *prog = pattern_prog(v[i].n);

		ASSERT(prog);
		bpf_prog_calc_tag(prog);
		EXPECT(tag_is(prog, v[i].tag));
		bpf_prog_free(prog);
	}
}

UNIT_TEST(map_fd_does_not_change_the_tag)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_LD | BPF_DW | BPF_IMM,
		  .dst_reg = 1,
		  .src_reg = BPF_PSEUDO_MAP_FD,
		  .imm = 7 },
		{ .imm = 5 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .imm = 2 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct bpf_prog *prog = bpf_prog_alloc(4);

	ASSERT(prog);
	__builtin_memcpy(prog->insnsi, insns, sizeof(insns));
	bpf_prog_calc_tag(prog);
	/* the same bytes with both halves' imm zero, through hashlib */
	EXPECT(tag_is(prog, 0x2d00ef086dd753efull));
	EXPECT_EQ(prog->insnsi[0].imm, 7); /* the program itself is left alone */
	bpf_prog_free(prog);
}

UNIT_MAIN()

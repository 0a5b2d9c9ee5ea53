// SPDX-License-Identifier: GPL-2.0
/*
 * BPF_PROG_LOAD runs bpf_check() on the program it then JITs (kernel/bpf/
 * syscall.c bpf_prog_verify, as Linux's bpf_prog_load): the verifier's
 * rewrites reach the loaded program. Seen here through the xlated dump
 * (BPF_OBJ_GET_INFO_BY_FD): an ARRAY lookup is inlined (no helper call
 * left), a HASH lookup stays a call, the map lddw still dumps as the map's
 * id, the tag is that of the instructions as loaded, and the program still
 * computes the same thing. In-process, through lib/bpf.
 */
#define UNIT_SUITE "prog_load"
#include "lib/unit.h"
#include <bpf/bpf.h>
#include <bpfkern/bpf_syscall.h>
#include <bpfkern/host_backend.h>

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define READER_LEN 11

/* r0 = the u32 at key r1-given (0 or 5) of map_fd, 7 when absent. */
static int load_reader(int map_fd, int key, struct bpf_insn *insns)
{
	const struct bpf_insn p[READER_LEN] = {
		INSN(BPF_ST | BPF_W | BPF_MEM, 10, 0, -4, key),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4),
		INSN(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, map_fd),
		INSN(0, 0, 0, 0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2, 0),
		INSN(BPF_LDX | BPF_W | BPF_MEM, 0, 0, 0, 0),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 7),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	memcpy(insns, p, sizeof(p));
	return bpf_prog_load(BPF_PROG_TYPE_XDP, "reader", "GPL", p, READER_LEN, NULL);
}

static __u32 run(int prog_fd)
{
	unsigned char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = sizeof(pkt));

	if (bpf_prog_test_run_opts(prog_fd, &o))
		return 0xdead;
	return o.retval;
}

/* The xlated dump of prog_fd into out (at most max insns); its count, or -1. */
static int xlated(int prog_fd, struct bpf_insn *out, __u32 max, struct bpf_prog_info *info)
{
	__u32 len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	info->xlated_prog_len = max * sizeof(*out);
	info->xlated_prog_insns = (__u64)(uintptr_t)out;
	if (bpf_prog_get_info_by_fd(prog_fd, info, &len))
		return -1;
	return (int)(info->xlated_prog_len / sizeof(*out));
}

static int count_helper_calls(const struct bpf_insn *insns, int n, int id)
{
	int calls = 0;

	for (int i = 0; i < n; i++)
		calls += insns[i].code == (BPF_JMP | BPF_CALL) && insns[i].src_reg == 0 &&
			 insns[i].imm == id;
	return calls;
}

static __u32 map_id_of(int fd)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	return bpf_map_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

/* The dumped lddw of the map names it by id, as Linux's dump does. */
static bool dumps_map_id(const struct bpf_insn *insns, int n, __u32 id)
{
	for (int i = 0; i + 1 < n; i++)
		if (insns[i].code == (BPF_LD | BPF_DW | BPF_IMM) &&
		    insns[i].src_reg == BPF_PSEUDO_MAP_FD && (__u32)insns[i].imm == id)
			return true;
	return false;
}

UNIT_TEST(array_lookup_inlined)
{
	struct bpf_insn loaded[READER_LEN], dump[64];
	struct bpf_prog_info info;
	__u32 k = 0, v = 1234;
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 4, NULL);
	int prog = load_reader(map, 0, loaded), n;

	ASSERT(map >= 0 && prog >= 0);
	EXPECT_EQ(bpf_map_update_elem(map, &k, &v, BPF_ANY), 0);
	EXPECT_EQ(run(prog), 1234);
	n = xlated(prog, dump, ARRAY_SIZE(dump), &info);
	EXPECT(n > READER_LEN);
	EXPECT_EQ(count_helper_calls(dump, n, BPF_FUNC_map_lookup_elem), 0);
	EXPECT(dumps_map_id(dump, n, map_id_of(map)));
	bpfkern_close(prog);
	/* out of range: the inlined bounds check gives NULL */
	prog = load_reader(map, 5, loaded);
	ASSERT(prog >= 0);
	EXPECT_EQ(run(prog), 7);
	bpfkern_close(prog);
	bpfkern_close(map);
}

UNIT_TEST(hash_lookup_stays_a_call)
{
	struct bpf_insn loaded[READER_LEN], dump[64];
	struct bpf_prog_info info;
	__u32 k = 0, v = 99;
	int map = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 4, NULL);
	int prog = load_reader(map, 0, loaded), n;

	ASSERT(map >= 0 && prog >= 0);
	EXPECT_EQ(bpf_map_update_elem(map, &k, &v, BPF_ANY), 0);
	EXPECT_EQ(run(prog), 99);
	n = xlated(prog, dump, ARRAY_SIZE(dump), &info);
	EXPECT_EQ(n, READER_LEN);
	EXPECT_EQ(count_helper_calls(dump, n, BPF_FUNC_map_lookup_elem), 1);
	EXPECT(dumps_map_id(dump, n, map_id_of(map)));
	bpfkern_close(prog);
	bpfkern_close(map);
}

/* The tag is of the instructions as loaded: the same for two loads whatever the map. */
UNIT_TEST(tag_of_loaded_insns)
{
	struct bpf_insn loaded[READER_LEN], dump[64];
	struct bpf_prog_info a, b;
	int m1 = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 4, NULL);
	int m2 = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 4, NULL);
	int p1 = load_reader(m1, 0, loaded), p2 = load_reader(m2, 0, loaded);

	ASSERT(p1 >= 0 && p2 >= 0);
	EXPECT(xlated(p1, dump, ARRAY_SIZE(dump), &a) > 0);
	EXPECT(xlated(p2, dump, ARRAY_SIZE(dump), &b) > 0);
	EXPECT(!memcmp(a.tag, b.tag, sizeof(a.tag)));
	bpfkern_close(p1);
	bpfkern_close(p2);
	bpfkern_close(m1);
	bpfkern_close(m2);
}

UNIT_MAIN()

// SPDX-License-Identifier: GPL-2.0
/*
 * Soundness fuzzing of the verifier (issue 4): every program the verifier
 * accepts runs in an interpreter built with BPF_CHECKED_MEM (kernel/bpf/core.c),
 * which calls bpf_mem_check() below before each program load, store and
 * atomic. The check knows what the run may touch:
 *
 *	the packet		[xdp->data_meta, xdp->data_end), read and write
 *	the context		the xdp_buff and what its rewritten fields read
 *				(rxq, the net_device), read only
 *	the stack		the current frame and its callers' frames
 *	map values		value_size bytes of each element of the run's map
 *
 * Anything else is a violation: the program is dumped with its seed.
 *
 * Programs come from tests/diff/gen.c (gen_xdp_prog: valid XDP programs) and
 * from mutating those (random opcode, register, offset and immediate fields)
 * to hunt for unsound acceptances. Each is verified as the syscall path does
 * (bpf_verify_insns, then bpf_prog_prepare) and, when accepted, run on a few
 * packets. --selftest runs deliberately unsafe programs without the verifier
 * and expects each to be flagged.
 *
 * Mode loop writes bpf_loop programs whose small random callback changes a
 * value in the caller's stack (through callback_ctx) that the caller then
 * uses as a map value offset, checked or not; loop-mutate mutates those.
 * They carry BTF func_info (tests/verifier/vbtf.h), as callbacks need.
 *
 * usage: soundness [--mode gen|mutate|selftest|file|vgen|loop|loop-mutate] [--count N] [--seed S] [--verbose]
 *			[--save FILE]
 *        soundness --mode file --prog FILE.bin   (one program, map-less)
 *        soundness --mode vgen --dir DIR   (tests/verifier/vgen's *.s programs)
 */
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <bpfkern/bpf.h>
#include <bpfkern/bpf_asm.h>
#include <bpfkern/filter.h>
#include <bpfkern/disasm.h>
#include <bpfkern/load.h>
#include <bpfkern/verifier.h>
#include <bpfkern/xdp.h>
#include <bpfkern/btf.h>
#include "../diff/gen.h"
#include "../verifier/vbtf.h"

#define FRAME_SZ 4096
#define RUNS_PER_PROG 3
#define WATCHDOG_SECONDS 10

/* The memory one run may touch (bpf_mem_check's view of the world). */
struct run_regions {
	struct sk_buff *skb; /* socket filters: the context instead of xdp */
	struct xdp_buff *xdp;
	struct xdp_rxq_info *rxq;
	struct net_device *dev;
	struct bpf_map *map; /* NULL: none */
};

/* The first out-of-bounds access of a run. */
struct violation {
	u64 addr;
	u32 size;
	bool write;
	const char *why;
};

static struct run_regions cur;
static struct violation viol;
static sigjmp_buf viol_jmp;
static bool checking; /* a run is in progress: violations jump back */
static unsigned long accesses; /* checked so far: proof the check is on */
static u64 cur_seed;
static const char *cur_mode = "";
static bool verbose; /* --verbose: dump each accepted program before its runs */
static const char *save_path; /* --save FILE: each accepted program as .bin */

static bool inside(u64 addr, u32 size, const void *lo, u64 len)
{
	u64 l = (u64)(uintptr_t)lo;

	return addr >= l && addr + size <= l + len && addr + size > addr;
}

/* Whether [addr, addr + size) lies in one value of the run's map (every key walked). */
static bool in_map_value(u64 addr, u32 size)
{
	struct bpf_map *map = cur.map;
	u8 key[64], next[64];
	void *prev = NULL;

	if (!map || map->key_size > sizeof(key))
		return false;
	while (!map->ops->map_get_next_key(map, prev, next)) {
		void *v = map->ops->map_lookup_elem(map, next);

		if (v && inside(addr, size, v, map->value_size))
			return true;
		memcpy(key, next, map->key_size);
		prev = key;
	}
	return false;
}

/* The socket filter's regions: the packet, the sk_buff (cb[] writable). */
static const char *skb_access(u64 addr, u32 size, bool write, bool *ok)
{
	struct sk_buff *skb = cur.skb;

	*ok = true;
	if (inside(addr, size, skb->data, skb->len))
		return NULL;
	if (inside(addr, size, skb->cb, sizeof(skb->cb)))
		return NULL;
	if (inside(addr, size, skb, sizeof(*skb)))
		return write ? "write to the context" : NULL;
	*ok = false;
	return NULL;
}

/* Called by the checked interpreter before each program memory access. */
void bpf_mem_check(u64 addr, u32 size, bool write, u64 frame_lo, u64 stack_hi);
void bpf_mem_check(u64 addr, u32 size, bool write, u64 frame_lo, u64 stack_hi)
{
	const char *why = NULL;

	if (!checking)
		return;
	accesses++;
	if (addr >= frame_lo && addr + size <= stack_hi && addr + size > addr)
		return;
	if (cur.skb) {
		bool ok;

		why = skb_access(addr, size, write, &ok);
		if (ok && !why)
			return;
		if (!ok && in_map_value(addr, size))
			return;
		if (!why)
			why = "outside every region the program may touch";
		goto violation;
	}
	if (inside(addr, size, cur.xdp->data_meta,
		   (u64)((u8 *)cur.xdp->data_end - (u8 *)cur.xdp->data_meta)))
		return;
	if (inside(addr, size, cur.xdp, sizeof(*cur.xdp)) ||
	    inside(addr, size, cur.rxq, sizeof(*cur.rxq)) ||
	    inside(addr, size, cur.dev, sizeof(*cur.dev)))
		why = write ? "write to the context" : NULL;
	else if (in_map_value(addr, size))
		return;
	else
		why = "outside every region the program may touch";
	if (!why)
		return;
violation:
	viol = (struct violation){ addr, size, write, why };
	checking = false;
	siglongjmp(viol_jmp, 1);
}

/*
 * Arms (seconds > 0) or disarms the watchdog. It counts the process's CPU
 * time (ITIMER_PROF), not wall time: on a shared, busy machine a long run
 * must not be taken for a program that never ends.
 */
static void watchdog_arm(int seconds)
{
	struct itimerval it = { .it_value = { .tv_sec = seconds } };

	setitimer(ITIMER_PROF, &it, NULL);
}

static void watchdog(int sig)
{
	(void)sig;
	printf("not ok soundness/%s seed %llu: still running after %d s of CPU (the verifier proved "
	       "termination)\n",
	       cur_mode, (unsigned long long)cur_seed, WATCHDOG_SECONDS);
	fflush(stdout);
	_exit(1);
}

/* The program being verified or run, for the crash report. */
static const struct bpf_insn *cur_insns;
static u32 cur_cnt;

static void dump_prog(const struct bpf_insn *insns, u32 cnt);

static void crashed(int sig)
{
	printf("not ok soundness/%s seed %llu: signal %d while %s\n", cur_mode,
	       (unsigned long long)cur_seed, sig, checking ? "running" : "verifying or preparing");
	if (cur_insns)
		dump_prog(cur_insns, cur_cnt);
	fflush(stdout);
	_exit(1);
}

static u64 mix(u64 *s)
{
	*s = gen_mix64(*s + 0x9e3779b97f4a7c15ull);
	return *s;
}

static void dump_prog(const struct bpf_insn *insns, u32 cnt)
{
	char line[BPF_DISASM_LINE_MAX];
	u32 i = 0;

	while (i < cnt) {
		int n = bpf_disasm_insn(&insns[i], cnt - i, line, sizeof(line));

		printf("#   %4u: %s\n", i, line);
		i += n > 0 ? (u32)n : 1;
	}
}

static void report_violation(const struct bpf_insn *insns, u32 cnt)
{
	printf("not ok soundness/%s seed %llu: %u-byte %s at %#llx %s\n", cur_mode,
	       (unsigned long long)cur_seed, viol.size, viol.write ? "write" : "read",
	       (unsigned long long)viol.addr, viol.why);
	dump_prog(insns, cnt);
	fflush(stdout);
}

static struct bpf_map *map_from_fd(void *ctx, int fd)
{
	return fd == 0 ? ctx : NULL;
}

/* What one program needs: its type, privilege, map (fd 0) and first packet. */
struct run_spec {
	enum bpf_prog_type type;
	bool cap_bpf_only; /* CAP_BPF without CAP_PERFMON */
	u32 map_type; /* 0: no map */
	u32 key_size, value_size, max_entries;
	const u8 *pkt;
	u32 pkt_len;
	bool func_info; /* give the verifier BTF func_info (vbtf.h): callbacks */
};

/* The spec's map (an array or a hash), or NULL when it has none. */
static struct bpf_map *create_map(const struct run_spec *rs)
{
	const struct bpf_map_ops *ops = rs->map_type == BPF_MAP_TYPE_HASH ? &htab_map_ops
									  : &array_map_ops;
	union bpf_attr attr = { 0 };
	struct bpf_map *map;

	if (!rs->map_type)
		return NULL;
	attr.map_type = rs->map_type;
	attr.key_size = rs->key_size;
	attr.value_size = rs->value_size;
	attr.max_entries = rs->max_entries;
	map = ops->map_alloc(&attr);
	if (IS_ERR(map)) {
		fprintf(stderr, "soundness: map creation failed\n");
		exit(2);
	}
	if (!map->ops)
		map->ops = ops;
	return map;
}

/* Runs prog once on pkt[0 .. len) with the check on; false on a violation. */
static bool checked_run(const struct bpf_prog *prog, const u8 *pkt, u32 len)
{
	static u8 frame[FRAME_SZ];
	static struct net_device dev = { .ifindex = 1, .name = "lo" };
	static struct xdp_rxq_info rxq = { .dev = &dev };
	static struct xdp_buff xdp;
	static struct sk_buff skb;
	const void *volatile ctx = &xdp;

	memset(frame, 0, sizeof(frame));
	memcpy(frame + XDP_PACKET_HEADROOM, pkt, len);
	xdp_prepare_buff(&xdp, frame, FRAME_SZ, XDP_PACKET_HEADROOM, len, &rxq);
	cur.xdp = &xdp;
	cur.rxq = &rxq;
	cur.dev = &dev;
	cur.skb = NULL;
	if (prog->type == BPF_PROG_TYPE_SOCKET_FILTER) {
		memset(frame, 0, sizeof(frame));
		memcpy(frame, pkt, len);
		if (bpf_skb_init_test(&skb, frame, len))
			return true; /* too short for Linux's test run: not run */
		cur.skb = &skb;
		ctx = &skb;
	}
	if (sigsetjmp(viol_jmp, 0))
		return false;
	checking = true;
	bpf_prog_run(prog, ctx);
	checking = false;
	return true;
}

/* Counts of one mode's programs. */
struct tally {
	unsigned long generated, accepted, runs, violations;
};

/*
 * Verifies insns as the syscall path does and, if accepted, runs them on
 * pkt and on random packets with the check on. Returns whether accepted.
 */
static bool verify_and_run(const struct bpf_insn *insns, u32 cnt, const struct run_spec *rs,
			   u64 *rng, struct tally *t)
{
	struct bpf_map *map = create_map(rs);
	struct bpf_verifier_opts vopts = { .prog_type = rs->type,
					   .bpf_capable = true,
					   .cap_bpf_only = rs->cap_bpf_only,
					   .gpl_compatible = true,
					   .map_from_fd = map_from_fd,
					   .map_ctx = map };
	struct bpf_load_opts lopts = { .prog_type = rs->type,
				       .map_from_fd = map_from_fd,
				       .map_ctx = map };
	struct bpf_prog *prog = NULL;
	u8 pkt[GEN_MAX_PKT];
	bool accepted = false;
	struct btf *btf = NULL;
	struct vbtf vb;
	char why[128];
	u32 true_size;
	int err, r;

	t->generated++;
	cur_insns = insns;
	cur_cnt = cnt;
	if (rs->func_info && !vbtf_build(insns, cnt, "", &vb, why, sizeof(why))) {
		btf = btf_parse(vb.blob, vb.size, 0, NULL, 0, &true_size);
		if (IS_ERR(btf)) {
			btf = NULL;
		} else {
			vopts.btf = btf;
			vopts.func_info = (const struct bpf_func_info *)vb.fi;
			vopts.func_info_cnt = vb.nfi;
		}
	}
	if (bpf_verify_insns(insns, cnt, &vopts))
		goto out;
	prog = bpf_prog_alloc(cnt);
	if (!prog)
		goto out;
	memcpy(prog->insnsi, insns, cnt * sizeof(*insns));
	prog->type = rs->type;
	prog->gpl_compatible = true;
	if (bpf_prog_prepare(prog, &lopts))
		goto out;
	prog->jit_requested = false; /* the checked interpreter, never the JIT */
	prog = bpf_prog_select_runtime(prog, &err);
	accepted = true;
	t->accepted++;
	cur.map = map;
	if (save_path) {
		FILE *f = fopen(save_path, "wb");

		if (f) {
			fwrite(insns, sizeof(*insns), cnt, f);
			fclose(f);
		}
	}
	if (verbose) {
		printf("# seed %llu accepted:\n", (unsigned long long)cur_seed);
		dump_prog(insns, cnt);
		fflush(stdout);
	}
	for (r = 0; r < RUNS_PER_PROG; r++) {
		u32 len = rs->pkt_len, i;

		memcpy(pkt, rs->pkt, len);
		if (r > 0) { /* a random packet: ETH_HLEN .. GEN_MAX_PKT bytes */
			len = 14 + (u32)(mix(rng) % (GEN_MAX_PKT - 14 + 1));
			for (i = 0; i < len; i++)
				pkt[i] = (u8)mix(rng);
		}
		t->runs++;
		if (!checked_run(prog, pkt, len)) {
			t->violations++;
			report_violation(insns, cnt);
			break;
		}
	}
	cur.map = NULL;
out:
	bpf_prog_free(prog);
	if (map)
		map->ops->map_free(map);
	if (btf)
		btf_free(btf);
	return accepted;
}

/* Changes one random field of one random instruction of insns[0 .. cnt). */
static void mutate_insn(struct bpf_insn *insns, u32 cnt, u64 *rng)
{
	struct bpf_insn *in = &insns[mix(rng) % cnt];
	u64 r = mix(rng);

	switch (r % 8) {
	case 0: /* another opcode of the same class */
		in->code = (u8)((in->code & 0x07) | ((r >> 8) & 0xf8));
		break;
	case 1: /* any opcode */
		in->code = (u8)(r >> 8);
		break;
	case 2:
		in->dst_reg = (r >> 8) % 11;
		break;
	case 3:
		in->src_reg = (r >> 8) % 11;
		break;
	case 4: /* a nearby offset */
		in->off = (s16)(in->off + (s16)((r >> 8) % 17) - 8);
		break;
	case 5: /* one flipped bit of the offset */
		in->off ^= (s16)(1 << ((r >> 8) % 16));
		break;
	case 6: /* a nearby immediate */
		in->imm += (s32)((r >> 8) % 17) - 8;
		break;
	default: /* one flipped bit of the immediate */
		in->imm ^= (s32)(1u << ((r >> 8) % 32));
		break;
	}
}

/* The run_spec of gen_xdp_prog's program p. */
static struct run_spec gen_spec(const struct gen_prog *p)
{
	struct run_spec rs = { .type = BPF_PROG_TYPE_XDP, .pkt = p->pkt, .pkt_len = p->pkt_len };

	if (p->map_value_size) {
		rs.map_type = BPF_MAP_TYPE_ARRAY;
		rs.key_size = 4;
		rs.value_size = p->map_value_size;
		rs.max_entries = p->map_max_entries;
	}
	return rs;
}

/* gen_xdp_prog's programs, count of them from seed; mutated ones with mutate. */
static struct tally fuzz(u64 seed, unsigned long count, bool mutate)
{
	static struct gen_prog p;
	static struct bpf_insn insns[GEN_MAX_INSNS];
	struct tally t = { 0 };
	struct run_spec rs;
	unsigned long i;
	u64 rng;
	int k, n;

	for (i = 0; i < count; i++) {
		cur_seed = seed + i;
		rng = gen_mix64(cur_seed ^ 0x5a5a5a5a5a5a5a5aull);
		gen_xdp_prog(cur_seed, &p);
		memcpy(insns, p.insns, p.len * sizeof(*insns));
		if (mutate) {
			n = 1 + (int)(mix(&rng) % 3);
			for (k = 0; k < n; k++)
				mutate_insn(insns, p.len, &rng);
		}
		watchdog_arm(WATCHDOG_SECONDS);
		rs = gen_spec(&p);
		verify_and_run(insns, p.len, &rs, &rng, &t);
		watchdog_arm(0);
	}
	return t;
}

/*
 * Mode loop's program number seed, as assembler text in buf: the caller
 * puts a value in fp-8, runs bpf_loop (a constant or random count) with a
 * callback that changes that value through its ctx pointer (1-3 random ALU
 * steps, sometimes with a bound), then adds the value to a map value
 * pointer (after a random bound check, or none) and loads from it.
 */
static void loop_text(u64 seed, char *buf, size_t size, u32 *value_size)
{
	static const char *const ops[] = { "r3 += %u", "r3 = %u",  "r3 = r1",  "r3 *= 2",
					   "r3 += r1", "r3 &= 63", "r3 ^= %u", "r3 -= %u" };
	static const u32 sizes[] = { 8, 16, 64 };
	u64 rng = gen_mix64(seed ^ 0x10091009ull);
	size_t n = 0;
	int steps = 1 + (int)(mix(&rng) % 3);

	*value_size = sizes[mix(&rng) % 3];
#define OUT(...) (n += (size_t)snprintf(buf + n, n < size ? size - n : 0, __VA_ARGS__))
	OUT("\t*(u64 *)(r10 -8) = %u\n", (unsigned)(mix(&rng) % 8));
	if (mix(&rng) % 2)
		OUT("\tcall bpf_get_prandom_u32\n\tr1 = r0\n\tr1 &= %u\n",
		    (unsigned)(mix(&rng) % 8));
	else
		OUT("\tr1 = %u\n", (unsigned)(mix(&rng) % 6));
	OUT("\tr2 = subprog[cb]\n\tr3 = r10\n\tr3 += -8\n\tr4 = 0\n\tcall bpf_loop\n");
	OUT("\t*(u32 *)(r10 -12) = 0\n\tr2 = r10\n\tr2 += -12\n\tr1 = map[fd:0]\n");
	OUT("\tcall bpf_map_lookup_elem\n\tif r0 == 0 goto out\n\tr1 = *(u64 *)(r10 -8)\n");
	if (mix(&rng) % 4)
		OUT("\tif r1 > %u goto out\n", (unsigned)(mix(&rng) % 72));
	OUT("\tr0 += r1\n\tr0 = *(u%s *)(r0 +0)\n", mix(&rng) % 2 ? "8" : "64");
	OUT("out:\n\tr0 = 2\n\texit\ncb:\n\tr3 = *(u64 *)(r2 +0)\n");
	for (int i = 0; i < steps; i++) {
		OUT("\t");
		OUT(ops[mix(&rng) % ARRAY_SIZE(ops)], (unsigned)(mix(&rng) % 40));
		OUT("\n");
		if (!(mix(&rng) % 3))
			OUT("\tif r3 < %u goto +1\n\tr3 = 0\n", (unsigned)(mix(&rng) % 70));
	}
	OUT("\t*(u64 *)(r2 +0) = r3\n");
	OUT(mix(&rng) % 2 ? "\tr0 = 0\n\texit\n" : "\tr0 = r1\n\tr0 &= 1\n\texit\n");
#undef OUT
}

/* Mode loop (and loop-mutate): count programs of loop_text from seed. */
static struct tally fuzz_loop(u64 seed, unsigned long count, bool mutate)
{
	static const u8 pkt[64] = { [12] = 0x08, [14] = 0x45 };
	struct tally t = { 0 };
	char text[2048];

	for (unsigned long i = 0; i < count; i++) {
		struct bpf_asm_result res = { 0 };
		struct run_spec rs = { .type = BPF_PROG_TYPE_XDP,
				       .map_type = BPF_MAP_TYPE_ARRAY,
				       .key_size = 4,
				       .max_entries = 1,
				       .pkt = pkt,
				       .pkt_len = sizeof(pkt),
				       .func_info = true };
		u64 rng;

		cur_seed = seed + i;
		rng = gen_mix64(cur_seed ^ 0x5a5a5a5a5a5a5a5aull);
		loop_text(cur_seed, text, sizeof(text), &rs.value_size);
		if (bpf_asm(text, &res)) {
			fprintf(stderr, "soundness: loop program %llu does not assemble:\n%s",
				(unsigned long long)cur_seed, text);
			exit(2);
		}
		if (mutate)
			for (int k = 1 + (int)(mix(&rng) % 2); k > 0; k--)
				mutate_insn(res.insns, (u32)res.cnt, &rng);
		watchdog_arm(WATCHDOG_SECONDS);
		verify_and_run(res.insns, (u32)res.cnt, &rs, &rng, &t);
		watchdog_arm(0);
		bpf_asm_result_free(&res);
	}
	return t;
}

/* An unsafe program, run unverified: the check must flag it (and a safe one not). */
struct selftest_case {
	const char *name;
	bool unsafe;
	struct bpf_insn insns[4];
};

#define INSN(c, d, s, o, i)                                                         \
	{                                                                           \
		.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) \
	}
#define EXIT_INSN INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static const struct selftest_case selftests[] = {
	{ "stack-below-frame",
	  true,
	  { INSN(BPF_LDX | BPF_MEM | BPF_DW, 0, 10, -520, 0), EXIT_INSN } },
	{ "stack-above-top", true, { INSN(BPF_ST | BPF_MEM | BPF_W, 10, 0, 0, 1), EXIT_INSN } },
	/* unrewritten ctx: offset 0 of the xdp_buff is the data pointer */
	{ "packet-past-end",
	  true,
	  { INSN(BPF_LDX | BPF_MEM | BPF_DW, 2, 1, 0, 0),
	    INSN(BPF_LDX | BPF_MEM | BPF_B, 0, 2, 2000, 0), EXIT_INSN } },
	{ "ctx-write", true, { INSN(BPF_STX | BPF_MEM | BPF_DW, 1, 1, 0, 0), EXIT_INSN } },
	{ "atomic-past-ctx",
	  true,
	  { INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 0, 64, BPF_ADD), EXIT_INSN } },
	{ "safe-accesses",
	  false,
	  { INSN(BPF_LDX | BPF_MEM | BPF_DW, 2, 1, 0, 0),
	    INSN(BPF_LDX | BPF_MEM | BPF_B, 0, 2, 13, 0),
	    INSN(BPF_STX | BPF_MEM | BPF_DW, 10, 0, -512, 0), EXIT_INSN } },
};

static int selftest(void)
{
	static const u8 pkt[64];
	int fails = 0;
	size_t i;

	cur_mode = "selftest";
	for (i = 0; i < sizeof(selftests) / sizeof(selftests[0]); i++) {
		const struct selftest_case *c = &selftests[i];
		struct bpf_prog *prog = bpf_prog_alloc(4);
		bool flagged;

		if (!prog)
			return 1;
		memcpy(prog->insnsi, c->insns, sizeof(c->insns));
		prog->type = BPF_PROG_TYPE_XDP;
		prog->bpf_func = __bpf_prog_run;
		prog->jited = 0;
		flagged = !checked_run(prog, pkt, sizeof(pkt));
		bpf_prog_free(prog);
		if (flagged == c->unsafe) {
			printf("ok soundness/checker/%s %s\n", c->name,
			       flagged ? "flagged" : "not flagged");
		} else {
			printf("not ok soundness/checker/%s %s\n", c->name,
			       flagged ? "flagged a safe program" : "missed an unsafe access");
			fails++;
		}
	}
	return fails ? 1 : 0;
}

/* Verifies and runs the program in the .bin file path (raw instructions) with the check. */
static int run_file(const char *path)
{
	static struct gen_prog p;
	struct tally t = { 0 };
	FILE *f = fopen(path, "rb");
	struct run_spec rs;
	u64 rng = 1;
	size_t n;

	if (!f) {
		fprintf(stderr, "soundness: %s: cannot open\n", path);
		return 2;
	}
	n = fread(p.insns, sizeof(p.insns[0]), GEN_MAX_INSNS, f);
	fclose(f);
	if (!n) {
		fprintf(stderr, "soundness: %s: no instructions\n", path);
		return 2;
	}
	p.len = (unsigned int)n;
	p.pkt_len = 64;
	rs = gen_spec(&p);
	cur_mode = "file";
	if (!verify_and_run(p.insns, p.len, &rs, &rng, &t))
		printf("ok soundness/file %s rejected by the verifier\n", path);
	else if (!t.violations)
		printf("ok soundness/file %s accepted, %lu runs, 0 violations\n", path, t.runs);
	return t.violations ? 1 : 0;
}

/* The header of a vgen program: "; type:", "; maps:", "; priv: bpf". */
static void vgen_spec(const char *text, struct run_spec *rs)
{
	const char *m = strstr(text, "; maps: ");
	char type[32];

	rs->type = strstr(text, "; type: socket_filter") ? BPF_PROG_TYPE_SOCKET_FILTER
							 : BPF_PROG_TYPE_XDP;
	rs->cap_bpf_only = strstr(text, "; priv: bpf") != NULL;
	rs->map_type = 0;
	if (m && sscanf(m, "; maps: %31[a-z]:%u:%u:%u", type, &rs->key_size, &rs->value_size,
			&rs->max_entries) == 4)
		rs->map_type = strcmp(type, "hash") ? BPF_MAP_TYPE_ARRAY : BPF_MAP_TYPE_HASH;
}

/* Reads a whole file as a NUL-terminated string (malloc'd), NULL on error. */
static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET)) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else if (buf) {
			buf[n] = 0;
		}
	}
	fclose(f);
	return buf;
}

/* Every vgen program (*.s) in dir: assembled, verified, run when accepted. */
static struct tally vgen_dir(const char *dir, u64 seed)
{
	static const u8 pkt[64] = { [12] = 0x08, [14] = 0x45 };
	struct tally t = { 0 };
	struct dirent *de;
	DIR *d = opendir(dir);
	char path[1024];
	u64 rng = seed;

	if (!d) {
		fprintf(stderr, "soundness: %s: cannot open\n", dir);
		exit(2);
	}
	while ((de = readdir(d))) {
		struct bpf_asm_result res = { 0 };
		struct run_spec rs = { .pkt = pkt, .pkt_len = sizeof(pkt) };
		char *text;

		if (!strstr(de->d_name, ".s"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		text = read_text(path);
		if (!text)
			continue;
		vgen_spec(text, &rs);
		if (!bpf_asm(text, &res)) {
			cur_seed = t.generated;
			watchdog_arm(WATCHDOG_SECONDS);
			if (verify_and_run(res.insns, (u32)res.cnt, &rs, &rng, &t) && verbose)
				printf("# %s accepted\n", path);
			watchdog_arm(0);
			if (t.violations && !strcmp(cur_mode, "vgen"))
				printf("# (program %s)\n", path);
		}
		bpf_asm_result_free(&res);
		free(text);
	}
	closedir(d);
	return t;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: soundness [--mode gen|mutate|selftest|file|vgen|loop|loop-mutate] [--count N] [--seed S] [--verbose] [--save FILE]\n"
		"       soundness --mode file --prog FILE.bin\n"
		"       soundness --mode vgen --dir DIR\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *mode = "gen", *prog_path = NULL;
	unsigned long count = 1000;
	u64 seed = 1;
	struct tally t;
	struct timespec t0, t1;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--mode") && i + 1 < argc)
			mode = argv[++i];
		else if (!strcmp(argv[i], "--count") && i + 1 < argc)
			count = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--save") && i + 1 < argc)
			save_path = argv[++i];
		else if ((!strcmp(argv[i], "--prog") || !strcmp(argv[i], "--dir")) && i + 1 < argc)
			prog_path = argv[++i];
		else if (!strcmp(argv[i], "--verbose"))
			verbose = true;
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else
			usage();
	}
	signal(SIGSEGV, crashed);
	signal(SIGBUS, crashed);
	if (!strcmp(mode, "selftest"))
		return selftest();
	if (!strcmp(mode, "file"))
		return prog_path ? run_file(prog_path) : 2;
	if (strcmp(mode, "gen") && strcmp(mode, "mutate") && strcmp(mode, "vgen") &&
	    strcmp(mode, "loop") && strcmp(mode, "loop-mutate"))
		usage();
	if (!strcmp(mode, "vgen") && !prog_path)
		usage();
	cur_mode = mode;
	signal(SIGPROF, watchdog);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!strcmp(mode, "vgen"))
		t = vgen_dir(prog_path, seed);
	else if (!strncmp(mode, "loop", 4))
		t = fuzz_loop(seed, count, !strcmp(mode, "loop-mutate"));
	else
		t = fuzz(seed, count, !strcmp(mode, "mutate"));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%s soundness/%s %lu programs from seed %llu, %lu accepted, %lu runs, "
	       "%lu violations, %lu accesses checked (%.1f s)\n",
	       t.violations ? "not ok" : "ok", mode, t.generated, (unsigned long long)seed,
	       t.accepted, t.runs, t.violations, accesses,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (!t.accepted || !accesses)
		printf("not ok soundness/%s-checked no program accepted or no access checked\n",
		       mode);
	return t.violations || !t.accepted || !accesses ? 1 : 0;
}

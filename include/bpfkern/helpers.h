/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BPF helpers: one table, bpf_func_protos[] (kernel/bpf/helpers.c), says for
 * each helper id what the runtime calls (func) and what the verifier checks
 * (who may call it, its argument and return types). Linux: struct
 * bpf_func_proto in include/linux/bpf.h and the *_func_proto() switches.
 *
 *	the verifier	get_func_proto(): bpf_func_protos[id], filtered by
 *			prog_types and priv; check_func_arg() per arg_type
 *	the interpreter	bpf_func_protos[insn->imm].func(r1, ..., r5)
 *	the JIT		a direct call to bpf_helper_func(insn->imm)
 *
 * An entry with prog_types 0 is a helper the verifier does not know; one
 * whose func is NULL is known to the verifier (Linux's prototype) but has no
 * implementation here yet: the load path refuses programs that call it.
 */
#ifndef BPFKERN_HELPERS_H
#define BPFKERN_HELPERS_H

#include <bpfkern/types.h>
#include <linux/bpf.h>

/* A helper as the runtime calls it: five u64 arguments in r1-r5, result in r0. */
typedef u64 (*bpf_helper_fn)(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5);

/* What an argument register must hold (Linux: enum bpf_arg_type). */
enum bpf_arg_type {
	ARG_DONTCARE = 0, /* not an argument: not checked */
	ARG_ANYTHING, /* any initialised value (no pointer if unprivileged) */
	ARG_CONST_MAP_PTR, /* a map from an lddw */
	ARG_PTR_TO_MAP_KEY, /* key_size readable bytes of the map in the earlier arg */
	ARG_PTR_TO_MAP_VALUE, /* value_size readable bytes */
	ARG_PTR_TO_MEM, /* readable memory, size in the next argument */
	ARG_PTR_TO_MEM_OR_NULL, /* ARG_PTR_TO_MEM or NULL with size 0 */
	ARG_PTR_TO_UNINIT_MEM, /* memory the helper fills, size in the next argument */
	ARG_CONST_SIZE, /* > 0, bounded */
	ARG_CONST_SIZE_OR_ZERO, /* >= 0, bounded */
	ARG_PTR_TO_CTX, /* the unmodified context */
	ARG_CONST_ALLOC_SIZE_OR_ZERO, /* a known constant: the size of the memory returned */
	ARG_PTR_TO_RINGBUF_MEM, /* a reserved ring buffer record, released by the call */
	ARG_PTR_TO_FUNC, /* a callback: a subprogram's address (ld_imm64 BPF_PSEUDO_FUNC) */
	ARG_PTR_TO_STACK_OR_NULL, /* the callback's context: a stack pointer or NULL */
	ARG_PTR_TO_CONST_STR, /* a NUL-terminated string in a read-only map value */
	ARG_PTR_TO_SPIN_LOCK, /* the struct bpf_spin_lock of a map value (map->spin_lock_off) */
};

/* What r0 holds after the call (Linux: enum bpf_return_type). */
enum bpf_return_type {
	RET_INTEGER,
	RET_VOID, /* r0 not initialised afterwards */
	RET_PTR_TO_MAP_VALUE_OR_NULL,
	RET_PTR_TO_RINGBUF_MEM_OR_NULL, /* an acquired reference to alloc-size bytes */
};

/* Who may call a helper: anyone, bpf_capable, or perfmon (root here). */
enum bpf_helper_priv { HELPER_ANY, HELPER_CAP_BPF, HELPER_PERFMON };

/* Program types a helper is offered to (bpf_func_proto.prog_types). */
#define BPF_PROTO_XDP 1
#define BPF_PROTO_SKF 2 /* socket filters */
#define BPF_PROTO_ALL (BPF_PROTO_XDP | BPF_PROTO_SKF)

/* One helper: its implementation and its prototype (Linux: struct bpf_func_proto). */
struct bpf_func_proto {
	bpf_helper_fn func; /* NULL: prototype only, not implemented here */
	bool gpl_only;
	bool changes_pkt_data; /* invalidates every packet pointer */
	u8 priv; /* enum bpf_helper_priv */
	u8 prog_types; /* BPF_PROTO_* bits */
	enum bpf_return_type ret_type;
	enum bpf_arg_type arg_type[5];
};

/*
 * Indexed by enum bpf_func_id. Writable so that test tools can install a
 * helper of their own (func) for a while, keeping and restoring the old one.
 * The JIT's callx indexes it in machine code: its size is a multiple of 8.
 */
extern struct bpf_func_proto bpf_func_protos[__BPF_FUNC_MAX_ID];

/* The implementation of helper id, or NULL when unknown or not implemented. */
static inline bpf_helper_fn bpf_helper_func(s64 id)
{
	return id > 0 && id < __BPF_FUNC_MAX_ID ? bpf_func_protos[id].func : NULL;
}

/*
 * A callback as a helper receives it (ARG_PTR_TO_FUNC): the value an lddw
 * BPF_PSEUDO_FUNC left in the register. In a JIT'd program it is the address
 * of a read-only word holding the subprogram's native entry (a bpf_helper_fn);
 * in the interpreter, the address of the subprogram's first instruction with
 * BPF_CALLBACK_INTERP set. Only the verifier makes such values (PTR_TO_FUNC
 * comes from nothing else), so helpers may call them: bpf_callback_call().
 */
typedef u64 bpf_callback_t;
#define BPF_CALLBACK_INTERP 1u

/*
 * Calls callback fn with r1-r5 (kernel/bpf/core.c) and returns its r0: the
 * native subprogram, or the interpreter from its first instruction as the
 * frame below the running program's. Only from inside the helper call of
 * the program that made fn.
 */
u64 bpf_callback_call(bpf_callback_t fn, u64 r1, u64 r2, u64 r3, u64 r4, u64 r5);

/* Linux's BPF_MAX_LOOPS: the most iterations bpf_loop runs. */
#define BPF_MAX_LOOPS (8u * 1024 * 1024)

/*
 * The callback-taking helpers (kernel/bpf/bpf_iter.c), with Linux's
 * semantics: bpf_loop(nr_loops, callback, ctx, flags) calls
 * callback(i, ctx) for i = 0.. until nr_loops or a callback returns
 * non-zero, and returns the number of calls made; -EINVAL for flags,
 * -E2BIG above BPF_MAX_LOOPS. bpf_for_each_map_elem(map, callback, ctx,
 * flags) calls callback(map, &key, &value, ctx) for each element through
 * map->ops->map_for_each_callback and returns the number visited.
 */
u64 bpf_loop(u64 nr_loops, u64 callback_fn, u64 callback_ctx, u64 flags, u64 unused);
u64 bpf_for_each_map_elem(u64 map, u64 callback_fn, u64 callback_ctx, u64 flags, u64 unused);

/*
 * bpf_spin_lock(lock) / bpf_spin_unlock(lock) (kernel/bpf/map_helpers.c):
 * lock is the struct bpf_spin_lock in a map value; the lock is held with
 * interrupts off on this CPU, as Linux's __bpf_spin_lock_irqsave. The
 * verifier lets a program hold one lock at a time and call no other helper
 * meanwhile. Both return 0.
 */
u64 bpf_spin_lock(u64 lock, u64 r2, u64 r3, u64 r4, u64 r5);
u64 bpf_spin_unlock(u64 lock, u64 r2, u64 r3, u64 r4, u64 r5);

/* bpf_trace_printk: at most 3 conversions, a line of at most 512 bytes (Linux's limits). */
#define BPF_TRACE_PRINTK_MAX_ARGS 3
#define BPF_TRACE_PRINTK_BUF 512

/*
 * bpf_trace_printk's text for fmt (fmt_size bytes, NUL-terminated within
 * them) and args[0 .. 3), checked as Linux's bpf_bprintf_prepare: printable
 * ASCII or spaces, %% and at most three conversions of %d %i %u %x %X with
 * l or ll, %c, %s, %p, %px, %pK, %pB, %pks, %pus, %pi4, %pI4, %pi6, %pI6, each
 * after optional "0+- " flags and a width. Strings and addresses behind
 * pointers are not read (no fault-safe kernel read yet): they print as a
 * faulted read does in Linux, "" and 0.0.0.0. Writes at most size bytes
 * with a NUL into buf; returns the text's length or -EINVAL.
 */
int bpf_trace_printk_format(char *buf, u32 size, const char *fmt, u32 fmt_size, const u64 *args);

#endif

// SPDX-License-Identifier: GPL-2.0
/*
 * The helper table and the basic helpers (Linux: kernel/bpf/helpers.c).
 *
 * A helper is called with the program's r1-r5 and returns r0. The one table
 * of helpers, bpf_func_protos[] (include/bpfkern/helpers.h), is at the end:
 * indexed by enum bpf_func_id, each entry holds the implementation the
 * interpreter and the JIT call and the prototype the verifier checks calls
 * against. Helpers of other subsystems (XDP's, the socket filter's, the map
 * family's) are defined in their files and listed here.
 */
#include <bpfkern/bpf.h>
#include <bpfkern/xdp.h>
#include <bpfkern/bpf_maps.h>
#include <bpfkern/filter.h>
#include <stdio.h> /* snprintf only */
#include <string.h>

/* The map argument of a map helper is the struct bpf_map pointer the load path put in the lddw. */
static inline struct bpf_map *helper_map(u64 r)
{
	return (struct bpf_map *)(uintptr_t)r;
}

/* void *bpf_map_lookup_elem(map, key): the value's address or NULL. */
static u64 bpf_map_lookup_elem(u64 map, u64 key, u64 r3, u64 r4, u64 r5)
{
	struct bpf_map *m = helper_map(map);

	return (u64)(uintptr_t)m->ops->map_lookup_elem(m, (const void *)(uintptr_t)key);
}

/* long bpf_map_update_elem(map, key, value, flags): 0 or a negative errno. */
static u64 bpf_map_update_elem(u64 map, u64 key, u64 value, u64 flags, u64 r5)
{
	struct bpf_map *m = helper_map(map);

	return (u64)m->ops->map_update_elem(m, (const void *)(uintptr_t)key,
					    (const void *)(uintptr_t)value, flags);
}

/* long bpf_map_delete_elem(map, key): 0 or a negative errno. */
static u64 bpf_map_delete_elem(u64 map, u64 key, u64 r3, u64 r4, u64 r5)
{
	struct bpf_map *m = helper_map(map);

	return (u64)m->ops->map_delete_elem(m, (const void *)(uintptr_t)key);
}

static u64 bpf_ktime_get_ns(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return ktime_get_ns();
}

static u64 bpf_get_prandom_u32(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return get_random_u32();
}

#ifndef HZ
#define HZ 100 /* the timer tick of include/bpfkern/arch.h */
#endif

/* No suspend exists here, so time since boot is the monotonic clock. */
static u64 bpf_ktime_get_boot_ns(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return ktime_get_ns();
}

/* The coarse clock is the monotonic one: no cheaper clock source exists. */
static u64 bpf_ktime_get_coarse_ns(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return ktime_get_ns();
}

/* u64 bpf_jiffies64(void): ticks of HZ since boot. */
static u64 bpf_jiffies64(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return ktime_get_ns() / (1000000000ull / HZ);
}

/*
 * The 32-bit ones' complement sum of len bytes (whole 32-bit words, read in
 * memory order as x86's csum_partial does) added to sum, end-around carry.
 */
static u32 csum_words(const void *buf, u32 len, u32 sum)
{
	const u8 *p = buf;
	u64 acc = sum;
	u32 w;

	for (; len >= 4; len -= 4, p += 4) {
		__builtin_memcpy(&w, p, 4);
		acc += w;
	}
	while (acc >> 32)
		acc = (acc & 0xffffffffull) + (acc >> 32);
	return (u32)acc;
}

static u32 csum_add32(u32 a, u32 b)
{
	u32 r = a + b;

	return r + (r < b);
}

/*
 * s64 bpf_csum_diff(from, from_size, to, to_size, seed), as Linux 6.18: the
 * checksum difference of replacing from by to, added to seed (push data:
 * from_size 0; pull data: to_size 0). Sizes must be multiples of 4 (-EINVAL).
 */
static u64 bpf_csum_diff(u64 from, u64 from_size, u64 to, u64 to_size, u64 seed)
{
	const void *f = (const void *)(uintptr_t)from, *t = (const void *)(uintptr_t)to;
	u32 ret = (u32)seed;

	if (((u32)from_size | (u32)to_size) & 3)
		return (u64)(s64)-EINVAL;
	if (from_size && to_size)
		ret = csum_add32(csum_words(t, (u32)to_size, ret),
				 ~csum_words(f, (u32)from_size, 0));
	else if (to_size)
		ret = csum_words(t, (u32)to_size, ret);
	else if (from_size)
		ret = ~csum_words(f, (u32)from_size, ~ret);
	return ret;
}

/*
 * long bpf_redirect(ifindex, flags) for XDP (Linux's bpf_xdp_redirect):
 * XDP_REDIRECT to the device ifindex, left in bpf_net_ctx_get_ri(); any
 * flag is XDP_ABORTED.
 */
static u64 bpf_xdp_redirect(u64 ifindex, u64 flags, u64 r3, u64 r4, u64 r5)
{
	struct bpf_redirect_info *ri = bpf_net_ctx_get_ri();

	if (unlikely(flags))
		return XDP_ABORTED;
	ri->tgt_index = (u32)ifindex;
	ri->tgt_value = NULL;
	ri->map = NULL;
	ri->map_type = BPF_MAP_TYPE_UNSPEC;
	ri->flags = 0;
	return XDP_REDIRECT;
}

/* One CPU runs BPF programs in this kernel (and in the host tools). */
static u64 bpf_get_smp_processor_id(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return 0;
}

/* The ASCII classes bpf_bprintf_prepare uses (no locale here). */
static bool fmt_isprint(char c)
{
	return c >= 0x20 && c < 0x7f;
}

static bool fmt_isspace(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool fmt_ispunct(char c)
{
	return fmt_isprint(c) && c != ' ' && !(c >= '0' && c <= '9') &&
	       !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/*
 * Reads the conversion at fmt[*i] (just past its '%') as Linux's
 * bpf_bprintf_prepare does: flags "0+- ", a width, then %p (%px, %pK, %pB,
 * %pks, %pus, %pi4/%pI4/%pi6/%pI6), %s, %c or an integer %[l[l]]{d,i,u,x,X}.
 * Writes a printf spec for it to spec (flags and width kept; *kind is 'd'
 * integer, 'p' pointer value, 's' string, 'c' char, 'a' IP address) and
 * leaves *i on its last char. -EINVAL for anything else.
 */
static int printk_conversion(const char *fmt, u32 *i, char spec[16], char *kind)
{
	u32 j = *i, start = *i, n;
	const char *len = "";

	while (fmt[j] == '0' || fmt[j] == '+' || fmt[j] == '-' || fmt[j] == ' ')
		j++;
	if (fmt[j] >= '1' && fmt[j] <= '9')
		while (fmt[j] >= '0' && fmt[j] <= '9')
			j++;
	n = j - start < 8 ? j - start : 8;
	*kind = fmt[j];
	if (fmt[j] == 'p') {
		char next = fmt[j + 1];

		if ((next == 'k' || next == 'u') && fmt[j + 2] == 's') {
			j += 2, *kind = 's';
		} else if (!next || fmt_isspace(next) || fmt_ispunct(next) || next == 'K' ||
			   next == 'x' || next == 's' || next == 'S' || next == 'B') {
			j += next == 'K' || next == 'x' || next == 's' || next == 'S' ||
			     next == 'B';
		} else if ((next == 'i' || next == 'I') &&
			   (fmt[j + 2] == '4' || fmt[j + 2] == '6')) {
			j += 2, *kind = 'a';
		} else {
			return -EINVAL;
		}
	} else if (fmt[j] != 's' && fmt[j] != 'c') {
		*kind = 'd';
		if (fmt[j] == 'l')
			j++, len = "l";
		if (fmt[j] == 'l')
			j++, len = "ll";
		if (fmt[j] != 'i' && fmt[j] != 'd' && fmt[j] != 'u' && fmt[j] != 'x' &&
		    fmt[j] != 'X')
			return -EINVAL;
	}
	spec[0] = '%';
	__builtin_memcpy(spec + 1, fmt + start, n);
	if (*kind == 'd')
		snprintf(spec + 1 + n, 16 - 1 - n, "%s%c", *len ? len : "", fmt[j]);
	else
		snprintf(spec + 1 + n, 16 - 1 - n, "%s", *kind == 'c' ? "c" : "s");
	*i = j;
	return 0;
}

/* Formats one argument of kind with spec into out[0 .. size); the chars written. */
static int printk_arg(char *out, u32 size, const char *spec, char kind, u32 flen, u64 arg)
{
	char num[24];

	switch (kind) {
	case 'd': /* an int unless "l"/"ll": the low 32 bits, as Linux's bin_args */
		if (spec[flen - 1] == 'l' || spec[flen - 2] == 'l')
			return snprintf(out, size, spec, arg);
		return snprintf(out, size, spec, (u32)arg);
	case 'c':
		return snprintf(out, size, spec, (int)(u8)arg);
	case 'p': /* 16 hex digits, as Linux prints %px (%p and %pK: not hashed here) */
		snprintf(num, sizeof(num), "%016llx", (unsigned long long)arg);
		return snprintf(out, size, spec, num);
	case 'a': /* no fault-safe kernel read here yet: as Linux when the read faults */
		return snprintf(out, size, spec, "0.0.0.0");
	default: /* 's': the same; a NULL string is "(null)" */
		return snprintf(out, size, spec, arg ? "" : "(null)");
	}
}

int bpf_trace_printk_format(char *buf, u32 size, const char *fmt, u32 fmt_size, const u64 *args)
{
	u32 len = 0, nargs = 0, end;

	for (end = 0; end < fmt_size && fmt[end]; end++)
		;
	if (!size || end == fmt_size)
		return -EINVAL; /* no NUL within fmt_size */
	buf[0] = 0;
	for (u32 i = 0; i < end; i++) {
		char spec[16], kind, lit[2] = { fmt[i], 0 };
		int n;

		if (!fmt_isprint(fmt[i]) && !fmt_isspace(fmt[i]))
			return -EINVAL;
		if (fmt[i] == '%' && fmt[i + 1] == '%')
			i++;
		else if (fmt[i] == '%') {
			if (nargs == BPF_TRACE_PRINTK_MAX_ARGS)
				return -EINVAL;
			i++;
			if (printk_conversion(fmt, &i, spec, &kind))
				return -EINVAL;
			n = printk_arg(buf + len, size - len, spec, kind, (u32)strlen(spec),
				       args[nargs++]);
			len += n > 0 ? (u32)n : 0;
			len = len < size ? len : size - 1;
			continue;
		}
		n = snprintf(buf + len, size - len, "%s", lit);
		len += n > 0 ? (u32)n : 0;
		len = len < size ? len : size - 1;
	}
	return (int)len;
}

#define PRINTK_BURST 16 /* lines per PRINTK_INTERVAL_NS, then the rest are counted */
#define PRINTK_INTERVAL_NS 1000000000ull

/* Whether one more trace line may reach the console now (a printk_ratelimit). */
static bool printk_ratelimit_ok(void)
{
	static u64 window_start;
	static u32 printed, missed;
	u64 now = ktime_get_ns();

	if (now - window_start >= PRINTK_INTERVAL_NS) {
		if (missed)
			printk("bpf_trace_printk: %u lines suppressed\n", missed);
		window_start = now;
		printed = missed = 0;
	}
	if (printed < PRINTK_BURST) {
		printed++;
		return true;
	}
	missed++;
	return false;
}

/*
 * long bpf_trace_printk(fmt, fmt_size, a1, a2, a3): formats as Linux (see
 * bpf_trace_printk_format) to the console, rate-limited; the length of the
 * text, or -EINVAL for a format Linux refuses.
 */
static u64 bpf_trace_printk(u64 fmt, u64 fmt_size, u64 a1, u64 a2, u64 a3)
{
	const u64 args[BPF_TRACE_PRINTK_MAX_ARGS] = { a1, a2, a3 };
	char buf[BPF_TRACE_PRINTK_BUF];
	int len = bpf_trace_printk_format(buf, sizeof(buf), (const char *)(uintptr_t)fmt,
					  (u32)fmt_size, args);

	if (len < 0)
		return (u64)(s64)len;
	if (printk_ratelimit_ok())
		printk("bpf_trace_printk: %s%s", buf, len && buf[len - 1] == '\n' ? "" : "\n");
	return (u64)len;
}

#define PROTO(fn, types, ret, ...)                                                    \
	{                                                                             \
		.func = (fn), .prog_types = (types), .ret_type = (ret), .arg_type = { \
			__VA_ARGS__                                                   \
		}                                                                     \
	}
#define XDP BPF_PROTO_XDP
#define SKF BPF_PROTO_SKF
#define ALL BPF_PROTO_ALL

/*
 * Every helper: implementation and prototype (Linux: the *_proto objects
 * that bpf_base_func_proto, xdp_func_proto and sk_filter_func_proto return).
 * bpf_tail_call has no func: the load path turns the call into the
 * BPF_TAIL_CALL opcode, which the interpreter and the JIT implement. The
 * other entries without one are prototypes of Linux helpers not implemented
 * here: the verifier judges programs that call them as Linux does, the load
 * path refuses them.
 */
struct bpf_func_proto bpf_func_protos[__BPF_FUNC_MAX_ID] = {
	/* maps */
	[BPF_FUNC_map_lookup_elem] = PROTO(bpf_map_lookup_elem, ALL, RET_PTR_TO_MAP_VALUE_OR_NULL,
					   ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY),
	[BPF_FUNC_map_update_elem] = PROTO(bpf_map_update_elem, ALL, RET_INTEGER, ARG_CONST_MAP_PTR,
					   ARG_PTR_TO_MAP_KEY, ARG_PTR_TO_MAP_VALUE, ARG_ANYTHING),
	[BPF_FUNC_map_delete_elem] =
		PROTO(bpf_map_delete_elem, ALL, RET_INTEGER, ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY),
	[BPF_FUNC_map_push_elem] = PROTO(bpf_map_push_elem, ALL, RET_INTEGER, ARG_CONST_MAP_PTR,
					 ARG_PTR_TO_MAP_VALUE, ARG_ANYTHING),
	[BPF_FUNC_map_pop_elem] =
		PROTO(bpf_map_pop_elem, ALL, RET_INTEGER, ARG_CONST_MAP_PTR, ARG_PTR_TO_UNINIT_MEM),
	[BPF_FUNC_map_peek_elem] = PROTO(bpf_map_peek_elem, ALL, RET_INTEGER, ARG_CONST_MAP_PTR,
					 ARG_PTR_TO_UNINIT_MEM),
	[BPF_FUNC_tail_call] =
		PROTO(NULL, ALL, RET_VOID, ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING),
	[BPF_FUNC_ringbuf_output] = PROTO(bpf_ringbuf_output, ALL, RET_INTEGER, ARG_CONST_MAP_PTR,
					  ARG_PTR_TO_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING),
	[BPF_FUNC_ringbuf_query] =
		PROTO(bpf_ringbuf_query, ALL, RET_INTEGER, ARG_CONST_MAP_PTR, ARG_ANYTHING),
	[BPF_FUNC_ringbuf_reserve] = PROTO(bpf_ringbuf_reserve, ALL, RET_PTR_TO_RINGBUF_MEM_OR_NULL,
					   ARG_CONST_MAP_PTR, ARG_CONST_ALLOC_SIZE_OR_ZERO,
					   ARG_ANYTHING),
	[BPF_FUNC_ringbuf_submit] =
		PROTO(bpf_ringbuf_submit, ALL, RET_VOID, ARG_PTR_TO_RINGBUF_MEM, ARG_ANYTHING),
	[BPF_FUNC_ringbuf_discard] =
		PROTO(bpf_ringbuf_discard, ALL, RET_VOID, ARG_PTR_TO_RINGBUF_MEM, ARG_ANYTHING),
	/* callbacks (kernel/bpf/bpf_iter.c); the verifier needs BTF func_info for them */
	[BPF_FUNC_loop] = PROTO(bpf_loop, ALL, RET_INTEGER, ARG_ANYTHING, ARG_PTR_TO_FUNC,
				ARG_PTR_TO_STACK_OR_NULL, ARG_ANYTHING),
	[BPF_FUNC_for_each_map_elem] = PROTO(bpf_for_each_map_elem, ALL, RET_INTEGER,
					     ARG_CONST_MAP_PTR, ARG_PTR_TO_FUNC,
					     ARG_PTR_TO_STACK_OR_NULL, ARG_ANYTHING),
	[BPF_FUNC_perf_event_output] = PROTO(NULL, ALL, RET_INTEGER, ARG_PTR_TO_CTX,
					     ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_MEM,
					     ARG_CONST_SIZE_OR_ZERO),
	/* time, randomness, the CPU */
	[BPF_FUNC_ktime_get_ns] = PROTO(bpf_ktime_get_ns, ALL, RET_INTEGER),
	[BPF_FUNC_ktime_get_boot_ns] = PROTO(bpf_ktime_get_boot_ns, ALL, RET_INTEGER),
	[BPF_FUNC_get_prandom_u32] = PROTO(bpf_get_prandom_u32, ALL, RET_INTEGER),
	[BPF_FUNC_get_smp_processor_id] = PROTO(bpf_get_smp_processor_id, ALL, RET_INTEGER),
	[BPF_FUNC_get_current_pid_tgid] = PROTO(NULL, ALL, RET_INTEGER),
	[42 /* get_numa_node_id */] = PROTO(NULL, ALL, RET_INTEGER),
	[208 /* ktime_get_tai_ns */] = PROTO(NULL, ALL, RET_INTEGER),
	/* the lock of a map value (kernel/bpf/map_helpers.c); one held at a time */
	[BPF_FUNC_spin_lock] = { .func = bpf_spin_lock,
				 .prog_types = ALL,
				 .priv = HELPER_CAP_BPF,
				 .ret_type = RET_VOID,
				 .arg_type = { ARG_PTR_TO_SPIN_LOCK } },
	[BPF_FUNC_spin_unlock] = { .func = bpf_spin_unlock,
				   .prog_types = ALL,
				   .priv = HELPER_CAP_BPF,
				   .ret_type = RET_VOID,
				   .arg_type = { ARG_PTR_TO_SPIN_LOCK } },
	[BPF_FUNC_jiffies64] = { .func = bpf_jiffies64,
				 .prog_types = ALL,
				 .priv = HELPER_CAP_BPF,
				 .ret_type = RET_INTEGER },
	[BPF_FUNC_ktime_get_coarse_ns] = { .func = bpf_ktime_get_coarse_ns,
					   .prog_types = ALL,
					   .priv = HELPER_CAP_BPF,
					   .ret_type = RET_INTEGER },
	[BPF_FUNC_trace_printk] = { .func = bpf_trace_printk,
				    .prog_types = ALL,
				    .priv = HELPER_PERFMON,
				    .gpl_only = true,
				    .ret_type = RET_INTEGER,
				    .arg_type = { ARG_PTR_TO_MEM, ARG_CONST_SIZE } },
	/* XDP */
	[BPF_FUNC_csum_diff] = PROTO(bpf_csum_diff, XDP, RET_INTEGER, ARG_PTR_TO_MEM_OR_NULL,
				     ARG_CONST_SIZE_OR_ZERO, ARG_PTR_TO_MEM_OR_NULL,
				     ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING),
	[BPF_FUNC_redirect] = PROTO(bpf_xdp_redirect, XDP, RET_INTEGER, ARG_ANYTHING, ARG_ANYTHING),
	[BPF_FUNC_redirect_map] = PROTO(bpf_redirect_map, XDP, RET_INTEGER, ARG_CONST_MAP_PTR,
					ARG_ANYTHING, ARG_ANYTHING),
	[BPF_FUNC_fib_lookup] = PROTO(NULL, XDP, RET_INTEGER, ARG_PTR_TO_CTX, ARG_PTR_TO_MEM,
				      ARG_CONST_SIZE, ARG_ANYTHING),
	[BPF_FUNC_xdp_get_buff_len] = PROTO(NULL, XDP, RET_INTEGER, ARG_PTR_TO_CTX),
	[BPF_FUNC_xdp_load_bytes] = PROTO(NULL, XDP, RET_INTEGER, ARG_PTR_TO_CTX, ARG_ANYTHING,
					  ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE),
	[BPF_FUNC_xdp_store_bytes] = PROTO(NULL, XDP, RET_INTEGER, ARG_PTR_TO_CTX, ARG_ANYTHING,
					   ARG_PTR_TO_MEM, ARG_CONST_SIZE),
	/* packet-moving XDP helpers: every packet pointer is invalid afterwards */
	[BPF_FUNC_xdp_adjust_head] = { .func = bpf_xdp_adjust_head,
				       .prog_types = XDP,
				       .changes_pkt_data = true,
				       .ret_type = RET_INTEGER,
				       .arg_type = { ARG_PTR_TO_CTX, ARG_ANYTHING } },
	[BPF_FUNC_xdp_adjust_meta] = { .func = bpf_xdp_adjust_meta,
				       .prog_types = XDP,
				       .changes_pkt_data = true,
				       .ret_type = RET_INTEGER,
				       .arg_type = { ARG_PTR_TO_CTX, ARG_ANYTHING } },
	[BPF_FUNC_xdp_adjust_tail] = { .func = bpf_xdp_adjust_tail,
				       .prog_types = XDP,
				       .changes_pkt_data = true,
				       .ret_type = RET_INTEGER,
				       .arg_type = { ARG_PTR_TO_CTX, ARG_ANYTHING } },
	/* socket filters */
	[BPF_FUNC_skb_load_bytes] = PROTO(bpf_skb_load_bytes, SKF, RET_INTEGER, ARG_PTR_TO_CTX,
					  ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE),
	[68 /* skb_load_bytes_relative */] = PROTO(NULL, SKF, RET_INTEGER, ARG_PTR_TO_CTX,
						   ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM,
						   ARG_CONST_SIZE, ARG_ANYTHING),
	[BPF_FUNC_get_socket_cookie] = PROTO(NULL, SKF, RET_INTEGER, ARG_PTR_TO_CTX),
	[BPF_FUNC_get_socket_uid] = PROTO(NULL, SKF, RET_INTEGER, ARG_PTR_TO_CTX),
};

// SPDX-License-Identifier: GPL-2.0
/*
 * The default firewall (progs/firewall.bpf.o) through bpf(): the object is
 * loaded with lib/bpf's loader, its deny lists and rate knob filled from
 * user space, frames run with BPF_PROG_TEST_RUN, and the verdicts, the
 * deny entries' hit counts and the per-CPU counters read back and checked.
 * Built twice (mk/progs.mk): over the host's Linux bpf() and over bpfkern's
 * kernel in-process (-DBPFKERN_INPROC, sanitizers); tier 60-firewall runs
 * both, so the one object is shown to load and behave alike on each.
 *
 * Prints one line per check: `ok firewall.NAME` or `not ok firewall.NAME why`.
 * Usage: fwtest PREFIX OBJ.o    (PREFIX names the kernel: linux or ours)
 * Exit 0; 2 when bpf() itself is unavailable (the tier prints a skip).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "progs/firewall.h"

#define MAX_CPUS 512
#define XDP_DROP 1
#define XDP_PASS 2

static const char *prefix;
static int failures;
static int prog_fd, deny_v4_fd, deny_v6_fd, proto_fd, action_fd, config_fd;
static struct bpf_object *obj;

static void check(const char *name, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void check(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("ok firewall.%s.%s\n", prefix, name);
		return;
	}
	failures++;
	printf("not ok firewall.%s.%s ", prefix, name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* How many copies of a per-CPU value a lookup returns. */
static unsigned int possible_cpus(void)
{
#ifdef BPFKERN_INPROC
	return 1;
#else
	FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
	unsigned int lo = 0, hi = 0;

	if (!f)
		return 1;
	if (fscanf(f, "%u-%u", &lo, &hi) < 2)
		hi = lo;
	fclose(f);
	return hi + 1 > MAX_CPUS ? MAX_CPUS : hi + 1;
#endif
}

/* Frame builders: Ethernet + optional VLAN tags + an L3 header, all zero-padded to 64+. */
struct frame {
	unsigned char b[256];
	unsigned int len;
};

static void eth(struct frame *f, unsigned int vlans, unsigned int proto)
{
	static const unsigned char macs[12] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1 };
	unsigned int i;

	memset(f, 0, sizeof(*f));
	memcpy(f->b, macs, 12);
	f->len = 12;
	for (i = 0; i < vlans; i++) {
		f->b[f->len++] = i ? 0x81 : 0x88; /* outer 802.1ad, inner 802.1Q */
		f->b[f->len++] = i ? 0x00 : 0xa8;
		f->b[f->len++] = 0;
		f->b[f->len++] = (unsigned char)(10 + i);
	}
	f->b[f->len++] = (unsigned char)(proto >> 8);
	f->b[f->len++] = (unsigned char)proto;
}

/* IPv4 from a.b.c.d, protocol l4, header length ihl words; the frame is 64 bytes. */
static struct frame ipv4(unsigned int vlans, const unsigned char src[4], unsigned int l4,
			 unsigned int ihl)
{
	struct frame f;
	unsigned char *ip;

	eth(&f, vlans, 0x0800);
	ip = f.b + f.len;
	ip[0] = (unsigned char)(0x40 | ihl);
	ip[3] = 50;
	ip[8] = 64;
	ip[9] = (unsigned char)l4;
	memcpy(ip + 12, src, 4);
	ip[16] = 192, ip[17] = 168, ip[18] = 1, ip[19] = 1;
	f.len = 64 + 4 * vlans;
	return f;
}

static struct frame ipv6(unsigned int vlans, const unsigned char src[16], unsigned int l4)
{
	struct frame f;
	unsigned char *ip;

	eth(&f, vlans, 0x86dd);
	ip = f.b + f.len;
	ip[0] = 0x60;
	ip[5] = 8;
	ip[6] = (unsigned char)l4;
	ip[7] = 64;
	memcpy(ip + 8, src, 16);
	ip[24] = 0xfe, ip[25] = 0x80, ip[39] = 1;
	f.len = (unsigned int)(ip - f.b) + 40 + 8;
	return f;
}

/* The program's verdict on f, or -errno of the test run. */
static int run(const struct frame *f)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = f->b, .data_size_in = f->len, .repeat = 1);

	if (bpf_prog_test_run_opts(prog_fd, &opts))
		return -errno;
	return (int)opts.retval;
}

/* Entry idx of a per-CPU counter array, summed over the CPUs. */
static struct fw_counter counter(int fd, __u32 idx)
{
	static struct fw_counter per_cpu[MAX_CPUS];
	struct fw_counter sum = { 0, 0 };
	unsigned int i, n = possible_cpus();

	memset(per_cpu, 0, sizeof(per_cpu));
	if (bpf_map_lookup_elem(fd, &idx, per_cpu))
		return (struct fw_counter){ ~0ULL, ~0ULL };
	for (i = 0; i < n; i++) {
		sum.packets += per_cpu[i].packets;
		sum.bytes += per_cpu[i].bytes;
	}
	return sum;
}

static int deny4(unsigned int a, unsigned int b, unsigned int c, unsigned int d, unsigned int plen)
{
	struct fw_lpm_v4 key = { plen, { (__u8)a, (__u8)b, (__u8)c, (__u8)d } };
	__u64 hits = 0;

	return bpf_map_update_elem(deny_v4_fd, &key, &hits, BPF_ANY);
}

static __u64 hits4(unsigned int a, unsigned int b, unsigned int c, unsigned int d,
		   unsigned int plen)
{
	struct fw_lpm_v4 key = { plen, { (__u8)a, (__u8)b, (__u8)c, (__u8)d } };
	__u64 hits = ~0ULL;

	bpf_map_lookup_elem(deny_v4_fd, &key, &hits);
	return hits;
}

static const unsigned char v6_denied_net[16] = { 0x20, 0x01, 0x0d, 0xb8, 0xba, 0xd0 };

/* Expect verdict want for frame f: one check. */
static void expect(const char *name, const struct frame *f, int want)
{
	int got = run(f);

	check(name, got == want, "verdict %d, want %d", got, want);
}

static void test_verdicts(void)
{
	static const unsigned char in_8[4] = { 10, 9, 9, 9 }, in_16[4] = { 10, 1, 2, 3 };
	static const unsigned char out4[4] = { 192, 0, 2, 7 }, host[4] = { 198, 51, 100, 1 };
	unsigned char in6[16],
		out6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0xba, 0xd1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 };
	struct frame f;

	memcpy(in6, v6_denied_net, 16);
	in6[15] = 0x42;
	expect("v4_denied_by_8", (f = ipv4(0, in_8, 6, 5), &f), XDP_DROP);
	expect("v4_denied_by_16", (f = ipv4(0, in_16, 17, 5), &f), XDP_DROP);
	expect("v4_denied_host_32", (f = ipv4(0, host, 1, 5), &f), XDP_DROP);
	expect("v4_allowed", (f = ipv4(0, out4, 17, 5), &f), XDP_PASS);
	expect("v4_options_allowed", (f = ipv4(0, out4, 6, 7), &f), XDP_PASS);
	expect("v4_vlan_denied", (f = ipv4(1, in_16, 6, 5), &f), XDP_DROP);
	expect("v4_qinq_denied", (f = ipv4(2, in_8, 6, 5), &f), XDP_DROP);
	expect("v4_qinq_allowed", (f = ipv4(2, out4, 6, 5), &f), XDP_PASS);
	expect("v6_denied_by_48", (f = ipv6(0, in6, 58), &f), XDP_DROP);
	expect("v6_vlan_denied", (f = ipv6(1, in6, 6), &f), XDP_DROP);
	expect("v6_allowed", (f = ipv6(0, out6, 17), &f), XDP_PASS);
	/* Malformed: IHL below 5, an IHL past the end, truncated headers, wrong versions. */
	expect("v4_ihl_4_dropped", (f = ipv4(0, out4, 6, 4), &f), XDP_DROP);
	f = ipv4(0, out4, 6, 15);
	f.len = 14 + 40;
	expect("v4_ihl_past_end_dropped", &f, XDP_DROP);
	f = ipv4(0, out4, 6, 5);
	f.len = 14 + 19;
	expect("v4_truncated_dropped", &f, XDP_DROP);
	f = ipv4(0, out4, 6, 5);
	f.b[14] = 0x65;
	expect("v4_bad_version_dropped", &f, XDP_DROP);
	f = ipv6(0, out6, 6);
	f.len = 14 + 39;
	expect("v6_truncated_dropped", &f, XDP_DROP);
	f = ipv4(1, out4, 6, 5);
	f.len = 16;
	expect("vlan_truncated_dropped", &f, XDP_DROP);
	eth(&f, 0, 0x0806);
	f.len = 42;
	expect("arp_passed", &f, XDP_PASS);
	eth(&f, 0, 0x88b5);
	f.len = 14;
	expect("non_ip_passed", &f, XDP_PASS);
	f.len = 13;
	check("runt_rejected_by_test_run", run(&f) == -EINVAL, "test run %d, want -EINVAL",
	      run(&f));
}

/* After test_verdicts: the longest prefix got the hit, and the counters add up. */
static void test_counters(void)
{
	static const struct {
		const char *name;
		__u32 idx;
		__u64 packets;
	} protos[] = { { "proto_v4_tcp", FW_PROTO_V4_TCP, 5 },
		       { "proto_v4_udp", FW_PROTO_V4_UDP, 2 },
		       { "proto_v4_icmp", FW_PROTO_V4_ICMP, 1 },
		       { "proto_v6_icmp", FW_PROTO_V6_ICMP, 1 },
		       { "proto_v6_tcp", FW_PROTO_V6_TCP, 1 },
		       { "proto_v6_udp", FW_PROTO_V6_UDP, 1 },
		       { "proto_arp", FW_PROTO_ARP, 1 },
		       { "proto_non_ip", FW_PROTO_NON_IP, 7 } },
	  actions[] = { { "action_pass", FW_ACT_PASS, 6 },
			{ "action_deny_v4", FW_ACT_DENY_V4, 5 },
			{ "action_deny_v6", FW_ACT_DENY_V6, 2 },
			{ "action_malformed", FW_ACT_MALFORMED, 6 },
			{ "action_rate", FW_ACT_RATE, 0 } };
	struct fw_lpm_v6 k6 = { 48, { 0 } };
	__u64 hits6 = ~0ULL, total = 0;
	unsigned int i;

	check("lpm_hits_longest_prefix_16", hits4(10, 1, 0, 0, 16) == 2, "hits %llu, want 2",
	      (unsigned long long)hits4(10, 1, 0, 0, 16));
	check("lpm_hits_8", hits4(10, 0, 0, 0, 8) == 2, "hits %llu, want 2",
	      (unsigned long long)hits4(10, 0, 0, 0, 8));
	check("lpm_hits_32", hits4(198, 51, 100, 1, 32) == 1, "hits %llu, want 1",
	      (unsigned long long)hits4(198, 51, 100, 1, 32));
	memcpy(k6.addr, v6_denied_net, 16);
	bpf_map_lookup_elem(deny_v6_fd, &k6, &hits6);
	check("lpm_hits_v6", hits6 == 2, "hits %llu, want 2", (unsigned long long)hits6);
	/* Malformed IP frames count as protocol "non-IP" (their protocol is unknown). */
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		struct fw_counter c = counter(proto_fd, protos[i].idx);

		check(protos[i].name, c.packets == protos[i].packets, "%llu packets, want %llu",
		      (unsigned long long)c.packets, (unsigned long long)protos[i].packets);
	}
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		struct fw_counter c = counter(action_fd, actions[i].idx);

		check(actions[i].name, c.packets == actions[i].packets, "%llu packets, want %llu",
		      (unsigned long long)c.packets, (unsigned long long)actions[i].packets);
		total += c.bytes;
	}
	check("action_bytes_passed",
	      counter(action_fd, FW_ACT_PASS).bytes == 64 + 64 + 72 + 62 + 42 + 14, "%llu bytes",
	      (unsigned long long)counter(action_fd, FW_ACT_PASS).bytes);
	check("bytes_balance",
	      total == counter(proto_fd, FW_PROTO_V4_TCP).bytes +
			       counter(proto_fd, FW_PROTO_V4_UDP).bytes +
			       counter(proto_fd, FW_PROTO_V4_ICMP).bytes +
			       counter(proto_fd, FW_PROTO_V4_OTHER).bytes +
			       counter(proto_fd, FW_PROTO_V6_TCP).bytes +
			       counter(proto_fd, FW_PROTO_V6_UDP).bytes +
			       counter(proto_fd, FW_PROTO_V6_ICMP).bytes +
			       counter(proto_fd, FW_PROTO_V6_OTHER).bytes +
			       counter(proto_fd, FW_PROTO_ARP).bytes +
			       counter(proto_fd, FW_PROTO_NON_IP).bytes,
	      "per-action and per-protocol byte totals differ");
}

/* Rate limiting: 1 frame/s with bursts of 3 per source; other sources are not charged. */
static void test_rate(void)
{
	static const unsigned char a[4] = { 203, 0, 113, 1 }, b[4] = { 203, 0, 113, 2 };
	unsigned char a6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9 };
	struct fw_config cfg = { 1, 3 };
	struct frame fa = ipv4(0, a, 17, 5), fb = ipv4(0, b, 17, 5), f6 = ipv6(0, a6, 17);
	int passed_a = 0, passed_b = 0, passed_6 = 0, i;
	__u32 zero = 0;

	check("config_update", !bpf_map_update_elem(config_fd, &zero, &cfg, BPF_ANY), "errno %d",
	      errno);
	for (i = 0; i < 6; i++) {
		passed_a += run(&fa) == XDP_PASS;
		passed_6 += run(&f6) == XDP_PASS;
	}
	passed_b += run(&fb) == XDP_PASS;
	check("rate_burst_then_drop_v4", passed_a == 3, "%d of 6 passed, want 3", passed_a);
	check("rate_burst_then_drop_v6", passed_6 == 3, "%d of 6 passed, want 3", passed_6);
	check("rate_other_source_passes", passed_b == 1, "other source dropped");
	check("rate_counted", counter(action_fd, FW_ACT_RATE).packets == 6,
	      "%llu rate drops, want 6",
	      (unsigned long long)counter(action_fd, FW_ACT_RATE).packets);
	cfg.rate_pps = 0;
	bpf_map_update_elem(config_fd, &zero, &cfg, BPF_ANY);
	check("rate_off_again", run(&fa) == XDP_PASS, "still limited after rate_pps = 0");
}

static int open_firewall(const char *path)
{
	struct bpf_program *prog;
	int err;

	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		check("open", 0, "%s: error %d", path, -errno);
		return -1;
	}
	err = bpf_object__load(obj);
	if (err == -EPERM) {
		printf("skip firewall.%s # bpf() not permitted here\n", prefix);
		exit(2);
	}
	check("load", !err, "bpf_object__load: %d", err);
	prog = bpf_object__find_program_by_name(obj, "xdp_firewall");
	if (err || !prog)
		return -1;
	prog_fd = bpf_program__fd(prog);
	deny_v4_fd = bpf_object__find_map_fd_by_name(obj, "deny_v4");
	deny_v6_fd = bpf_object__find_map_fd_by_name(obj, "deny_v6");
	proto_fd = bpf_object__find_map_fd_by_name(obj, "proto_stats");
	action_fd = bpf_object__find_map_fd_by_name(obj, "action_stats");
	config_fd = bpf_object__find_map_fd_by_name(obj, "fw_config");
	check("maps_found",
	      deny_v4_fd >= 0 && deny_v6_fd >= 0 && proto_fd >= 0 && action_fd >= 0 &&
		      config_fd >= 0 && bpf_object__find_map_fd_by_name(obj, "rate_state") >= 0,
	      "a map is missing");
	return 0;
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

int main(int argc, char **argv)
{
	struct fw_lpm_v6 k6 = { 48, { 0 } };
	__u64 zero = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: fwtest PREFIX OBJ.o\n");
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	prefix = argv[1];
	if (!getenv("FWTEST_VERBOSE"))
		libbpf_set_print(quiet);
	if (open_firewall(argv[2])) {
		bpf_object__close(obj);
		return 1;
	}
	memcpy(k6.addr, v6_denied_net, 16);
	check("deny_list_filled",
	      !deny4(10, 0, 0, 0, 8) && !deny4(10, 1, 0, 0, 16) && !deny4(198, 51, 100, 1, 32) &&
		      !bpf_map_update_elem(deny_v6_fd, &k6, &zero, BPF_ANY),
	      "map update errno %d", errno);
	check("deny_list_bad_prefixlen_rejected", deny4(10, 0, 0, 0, 33) && errno == EINVAL,
	      "prefixlen 33 accepted or errno %d", errno);
	test_verdicts();
	test_counters();
	test_rate();
	bpf_object__close(obj);
	return 0;
}

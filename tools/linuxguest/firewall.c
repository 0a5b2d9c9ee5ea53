// SPDX-License-Identifier: GPL-2.0
/*
 * bench=xdp:firewall and the live firewall run: progs/firewall.bpf.o loaded
 * with the project's own object loader (lib/bpf, built here against the
 * guest's Linux bpf() through tests/syscall/sys_bpf_linux.c, as
 * objtest_linux is), and FW_BENCH_PREFIXES IPv4 deny prefixes written into
 * its deny_v4 trie: 172.16.0.0/24, 172.16.1.0/24, ... none of which
 * tests/net/bench.py's frames (from 198.51.100.7) match. This file is built
 * with the project's uapi headers; the rest of the guest with the system's.
 */
#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "progs/firewall.h"
#include "firewall.h"

/*
 * Load path, fill deny_v4 with nr_prefixes /24s; the fd of its xdp_firewall
 * program (the object stays open for the life of init), or -1 (reported).
 */
int firewall_load(const char *path, unsigned int nr_prefixes)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *prog;
	__u64 hits = 0;
	int map_fd;

	if (libbpf_get_error(obj) || bpf_object__load(obj)) {
		printf("guest: %s: cannot open or load it\n", path);
		return -1;
	}
	prog = bpf_object__find_program_by_name(obj, "xdp_firewall");
	map_fd = bpf_object__find_map_fd_by_name(obj, "deny_v4");
	if (!prog || map_fd < 0) {
		printf("guest: %s: no xdp_firewall program or deny_v4 map\n", path);
		return -1;
	}
	for (unsigned int i = 0; i < nr_prefixes; i++) {
		struct fw_lpm_v4 key = { .prefixlen = 24,
					 .addr = { 172, (__u8)(16 + (i >> 8)), (__u8)i, 0 } };

		if (bpf_map_update_elem(map_fd, &key, &hits, BPF_ANY)) {
			printf("guest: deny_v4 update %u failed\n", i);
			return -1;
		}
	}
	return bpf_program__fd(prog);
}

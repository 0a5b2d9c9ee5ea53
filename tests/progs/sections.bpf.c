// SPDX-License-Identifier: GPL-2.0
/*
 * One trivial program per kind of section name: the ones bpfkern runs, the
 * ones libbpf knows and bpfkern refuses, and one libbpf does not know.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define PROG(sec, name)     \
	SEC(sec)            \
	int name(void *ctx) \
	{                   \
		return 0;   \
	}

PROG("xdp", p_xdp)
PROG("xdp.frags", p_xdp_frags)
PROG("socket", p_socket)
PROG("xdp.frags/devmap", p_devmap)
PROG("tc", p_tc)
PROG("kprobe/sys_open", p_kprobe)
PROG("sk_skb/stream_parser", p_sk_skb)
PROG("lwt_in", p_lwt)
PROG("socket/extra", p_socket_extra)
PROG("no_such_type", p_unknown)

char LICENSE[] SEC("license") = "GPL";

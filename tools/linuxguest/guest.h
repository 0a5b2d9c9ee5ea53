/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux guest's init (make bench's baseline): a static program that
 * runs as PID 1 of a Debian Linux 6.1 guest under the same QEMU as
 * bpfkern, sets up the devices and runs one benchmark mode named on the
 * kernel command line (bench=...). See scripts/linux-guest.sh.
 */
#ifndef LINUXGUEST_GUEST_H
#define LINUXGUEST_GUEST_H

#include <linux/bpf.h>

/* The programs the guest can attach, by the name bench=xdp:NAME uses. */
enum guest_prog { PROG_DROP, PROG_TX, PROG_PASS, PROG_FIREWALL, NR_GUEST_PROGS };

long guest_bpf(int cmd, union bpf_attr *attr);

/* syscall.c: prints "bench getpid_cycles N" and "bench bpf_map_lookup_cycles N". */
int bench_syscall(void);

/* xdp.c */
int guest_prog_by_name(const char *name);
int guest_prog_load(int prog);
int xdp_attach(int ifindex, int prog_fd);
int bench_live(int prog, int ifindex);

#endif

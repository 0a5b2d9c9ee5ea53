/* SPDX-License-Identifier: GPL-2.0 */
/* The firewall loader of the Linux guest (firewall.c): no uapi types, so both header sets may include it. */
#ifndef LINUXGUEST_FIREWALL_H
#define LINUXGUEST_FIREWALL_H

/* Deny prefixes make bench puts into the firewall (issue 7: 10,000). */
#define FW_BENCH_PREFIXES 10000
/* Where scripts/linux-guest.sh puts progs/firewall.bpf.o in the initramfs. */
#define FW_OBJECT_PATH "/firewall.bpf.o"

int firewall_load(const char *path, unsigned int nr_prefixes);

#endif

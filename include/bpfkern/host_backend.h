/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What tools/host/sys_bpf_host.c adds for programs that run bpfkern's kernel
 * code in-process (lib/bpf's sys_bpf backend is declared in <bpf/bpf.h>).
 */
#ifndef BPFKERN_HOST_BACKEND_H
#define BPFKERN_HOST_BACKEND_H

/* close(fd) on the in-process kernel's fd table: 0, or -1 with errno. */
int bpfkern_close(int fd);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The running task, as far as bpf() needs one: its fd table, whether it may
 * use privileged BPF (Linux: bpf_capable(), CAP_BPF or CAP_SYS_ADMIN) and its
 * pid. Until ring 3 exists there is one task, init_task; the process work
 * (issue 5, items 1-2) gives each process its own and switches `current`.
 */
#ifndef BPFKERN_TASK_H
#define BPFKERN_TASK_H

#include <bpfkern/kernel.h>

struct files_struct;
struct pgd;
struct vm_area_struct;

struct task_struct {
	int pid;
	u32 uid;
	bool bpf_capable; /* CAP_BPF (or CAP_SYS_ADMIN): privileged bpf() */
	bool perfmon_capable; /* CAP_PERFMON: pointer leaks, jited dumps */
	bool sys_boot_capable; /* CAP_SYS_BOOT: reboot(2) */
	struct files_struct *files;
	/* The process around it (kernel/process.c, include/bpfkern/process.h): */
	char comm[16]; /* program name */
	int state; /* TASK_RUNNING, TASK_WAITING, TASK_ZOMBIE */
	int exit_code; /* wait status once a zombie */
	int pending_signal; /* from kill(): ends the task on its way back to ring 3 */
	struct task_struct *parent;
	struct task_struct *next_task; /* every task, in creation order */
	struct pgd *pgd; /* its address space; NULL: kernel only */
	void *kstack; /* its kernel stack (KSTACK_SIZE bytes) */
	unsigned long ksp; /* saved kernel stack pointer while switched out */
	unsigned long mmap_base; /* where the next anonymous mmap goes */
	struct vm_area_struct *mmap; /* its mappings of map fds (kernel/mmap.c) */
	/* Its image's .bss pages, [bss_start, bss_end): zero pages mapped on first touch */
	unsigned long bss_start, bss_end;
};

extern struct task_struct init_task;
/* The task whose system call is running; kernel/task.c. */
extern struct task_struct *current_task;
#define current current_task

static inline bool bpf_capable(void)
{
	return current->bpf_capable;
}

/*
 * Linux's kernel.unprivileged_bpf_disabled: 0 unprivileged bpf() allowed,
 * 1 or 2 refused with -EPERM (2 is Linux's default). kernel/task.c.
 */
extern int sysctl_unprivileged_bpf_disabled;

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Processes: ring-3 programs in address spaces of their own
 * (kernel/process.c, kernel/exec.c, arch/x86_64/usermode.c). docs/syscall.md
 * follows one system call through them.
 *
 * Scheduling on one CPU: a process runs until it exits, is killed, waits
 * for a child, or is preempted in ring 3 by the timer tick (round robin);
 * kernel code is never preempted. The boot context (the idle task) runs
 * when no process can. The programs are linked into the kernel image
 * (build/user/blobs.S, made by the Makefile from user/ and tests/user/).
 */
#ifndef BPFKERN_PROCESS_H
#define BPFKERN_PROCESS_H

#include <bpfkern/task.h>

struct pt_regs;

/* task_struct.state */
#define TASK_RUNNING 0 /* runnable or running */
#define TASK_WAITING 1 /* in wait4 for a child */
#define TASK_ZOMBIE 2 /* exited; exit_code holds the wait status */

/* Where user programs live (user/linker.ld) and their stacks and mmaps go. */
#define USER_STACK_TOP 0x00007ffffffff000UL
#define USER_STACK_PAGES 16
#define USER_MMAP_BASE 0x00007f0000000000UL
#define USER_IMAGE_END USER_MMAP_BASE

/* A program linked into the kernel image. */
struct user_program {
	const char *name;
	const u8 *start, *end; /* its ELF file */
};
extern const struct user_program user_programs[];
extern const unsigned long nr_user_programs;
const struct user_program *user_program_find(const char *name);

/*
 * Start the program name as a child of current with the given argv (kernel
 * strings, NULL-terminated), dropping CAP_BPF when flags has
 * SPAWN_DROP_CAP_BPF, every capability with SPAWN_DROP_CAPS. Returns the child's pid, -ENOENT (no such program),
 * -ENOEXEC (not a usable ELF), -E2BIG (argv too large), -ENOMEM.
 */
int process_spawn(const char *name, char *const argv[], unsigned int flags);
/*
 * Linux's wait4 without rusage: reap a zombie child (pid -1: any) and put
 * its wait status in *status. Blocks while children live and WNOHANG is not
 * given. Returns the pid, 0 (WNOHANG, none exited), -ECHILD.
 */
long process_wait(int pid, int *status, int options);
#define WNOHANG 1
/*
 * Linux's kill(pid, sig) for pids > 0: every signal 1..64 is fatal (there are
 * no handlers) and takes effect when the target next heads back to ring 3
 * (a waiting target is woken for it); sig 0 only checks that pid exists.
 * 0, -ESRCH, -EINVAL.
 */
long process_kill(int pid, int sig);
/*
 * On every way back to ring 3 (the end of a system call; an interrupt that
 * came from ring 3, from_irq): end current if a signal is pending; after an
 * interrupt, also let the next runnable process have the CPU (preemption of
 * ring 3 on the timer tick; the kernel itself is never preempted).
 */
void exit_to_user_mode(bool from_irq);
/* End current with a wait status (exit code << 8, or a signal number). */
__noreturn void do_exit(int status);
/* Give the CPU to the next runnable task (the idle task when none is). */
void schedule(void);
/*
 * For a task that waits for an event while staying runnable (poll): let
 * another runnable process have the CPU, or when none can run, halt until
 * the next interrupt. Returns with interrupts off.
 */
void process_yield_or_halt(void);

/*
 * Boot: start user/init (as init_task, pid 1) with argv, run until it exits,
 * reap it and return its wait status (in the idle task, the boot context).
 * Reads unprivileged_bpf_disabled= from the command line first.
 */
int run_init(char *const argv[]);

/*
 * ELF64 loader (kernel/exec.c): a new address space for task t holding the
 * static executable image (PT_LOAD segments, W^X: text RX, data RW+NX) and
 * a stack (RW+NX) with argc, argv, an empty envp and auxv, as Linux lays it
 * out. Sets t->pgd and returns 0 with *entry and *sp; -ENOEXEC, -E2BIG, -ENOMEM.
 */
int exec_load(struct task_struct *t, const void *image, size_t size, char *const argv[],
	      unsigned long *entry, unsigned long *sp);

/*
 * A not-present page fault at user address addr of current, from ring 3 or
 * from a kernel access to user memory (kernel/exec.c): in the image's .bss,
 * a zeroed page is mapped there (Linux's do_anonymous_page) and true
 * returned; false otherwise, or when no page is left.
 */
bool exec_bss_fault(unsigned long addr);

/* Anonymous memory (kernel/sys.c): Linux's mmap/munmap for MAP_PRIVATE|MAP_ANONYMOUS. */
long ksys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	       unsigned long fd, unsigned long off);
long ksys_munmap(unsigned long addr, unsigned long len);

/* The system call switch (kernel/sys.c): Linux's numbers, -ENOSYS when unknown. */
long syscall_dispatch(unsigned long nr, const unsigned long args[6]);

/*
 * The arch side (arch/x86_64/usermode.c, syscall.c):
 * arch_task_setup prepares t's kernel stack so that switching to t enters
 * ring 3 at entry with stack pointer sp; arch_task_free frees that stack;
 * arch_switch_to switches address space, kernel stack and registers;
 * syscall_init programs the SYSCALL MSRs and turns SMAP on.
 */
int arch_task_setup(struct task_struct *t, unsigned long entry, unsigned long sp);
void arch_task_free(struct task_struct *t);
void arch_switch_to(struct task_struct *prev, struct task_struct *next);
void syscall_init(void);
/* Whether the exception in regs came from ring 3. */
bool user_mode(const struct pt_regs *regs);

#endif

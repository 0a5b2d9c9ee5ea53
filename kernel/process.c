// SPDX-License-Identifier: GPL-2.0
/*
 * Processes (include/bpfkern/process.h): creation from a program linked into
 * the image, exit, wait, kill, and a round-robin scheduler on one CPU.
 *
 * Every task is on one list in creation order. The idle task is the boot
 * context: it starts init (which takes over init_task, pid 1, with its fd
 * table) and runs only when no process can: then init has exited. A process
 * leaves the CPU by exiting, by being killed, by waiting for a child, or on
 * a timer tick that interrupts it in ring 3. Kernel code runs with
 * interrupts off and is never preempted: that is all the locking there is.
 * A zombie's kernel stack and task are freed by whoever reaps it (its
 * parent's wait, or the idle task for orphans).
 */
#include <bpfkern/process.h>
#include <bpfkern/arch.h>
#include <bpfkern/cmdline.h>
#include <bpfkern/file.h>
#include <bpfkern/mman.h>
#include <bpfkern/paging.h>
#include <uapi/asm/unistd_64.h>
#include <stdlib.h>
#include <string.h>

static struct task_struct idle_task = {
	.pid = 0,
	.comm = "idle",
	.state = TASK_RUNNING,
	.bpf_capable = true,
	.perfmon_capable = true,
	.sys_boot_capable = true,
};
static struct task_struct *task_list = &idle_task;
static int next_pid = 2;

#define SIGKILL 9

static void kill_all_processes(void);

const struct user_program *user_program_find(const char *name)
{
	for (unsigned long i = 0; i < nr_user_programs; i++)
		if (!strcmp(user_programs[i].name, name))
			return &user_programs[i];
	return NULL;
}

static void task_list_add(struct task_struct *t)
{
	struct task_struct **p = &task_list;

	while (*p)
		p = &(*p)->next_task;
	t->next_task = NULL;
	*p = t;
}

static void task_list_del(struct task_struct *t)
{
	for (struct task_struct **p = &task_list; *p; p = &(*p)->next_task) {
		if (*p == t) {
			*p = t->next_task;
			return;
		}
	}
}

/* The next runnable task after current in list order, wrapping; idle when none. */
static struct task_struct *pick_next_task(void)
{
	struct task_struct *t = current->next_task;

	for (int pass = 0; pass < 2; pass++, t = task_list) {
		for (; t; t = t->next_task)
			if (t != &idle_task && t->state == TASK_RUNNING)
				return t;
	}
	return &idle_task;
}

void schedule(void)
{
	struct task_struct *prev = current, *next = pick_next_task();

	if (next == prev)
		return;
	if (next == &idle_task && prev->state == TASK_RUNNING)
		return; /* nothing else to run: keep going */
	arch_switch_to(prev, next);
}

void process_yield_or_halt(void)
{
	if (pick_next_task() != &idle_task && pick_next_task() != current) {
		schedule();
		return;
	}
	arch_wait_for_interrupt();
	local_irq_disable();
}

/* Load name into t (address space, kernel stack). 0 or a negative errno. */
static int task_start(struct task_struct *t, const char *name, char *const argv[])
{
	const struct user_program *prog = user_program_find(name);
	unsigned long entry, sp;
	int err;

	if (!prog)
		return -ENOENT;
	strscpy_trunc(t->comm, name, sizeof(t->comm));
	t->mmap_base = USER_MMAP_BASE;
	err = exec_load(t, prog->start, prog->end - prog->start, argv, &entry, &sp);
	if (err)
		return err;
	err = arch_task_setup(t, entry, sp);
	if (err) {
		pgd_free(t->pgd);
		t->pgd = NULL;
		return err;
	}
	t->state = TASK_RUNNING;
	task_list_add(t);
	return 0;
}

int process_spawn(const char *name, char *const argv[], unsigned int flags)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);
	int err = -ENOMEM;

	if (!t)
		return -ENOMEM;
	t->files = kzalloc(sizeof(*t->files), GFP_KERNEL);
	if (!t->files)
		goto free_task;
	t->files->rlimit_nofile = NR_OPEN_DEFAULT;
	t->pid = next_pid++;
	t->uid = current->uid;
	t->parent = current;
	t->bpf_capable = current->bpf_capable && !(flags & SPAWN_DROP_CAP_BPF);
	t->perfmon_capable = current->perfmon_capable && !(flags & SPAWN_DROP_CAP_BPF);
	t->sys_boot_capable = current->sys_boot_capable && !(flags & SPAWN_DROP_CAPS);
	if (flags & SPAWN_DROP_CAPS)
		t->bpf_capable = t->perfmon_capable = false;
	err = task_start(t, name, argv);
	if (err)
		goto free_files;
	return t->pid;
free_files:
	kfree(t->files);
free_task:
	kfree(t);
	return err;
}

/* Free what a zombie still holds: its kernel stack, and the task unless it is static. */
static void release_task(struct task_struct *t)
{
	task_list_del(t);
	arch_task_free(t);
	if (t == &init_task)
		return;
	kfree(t->files->fd);
	kfree(t->files);
	kfree(t);
}

__noreturn void do_exit(int status)
{
	struct task_struct *me = current;

	files_close_all(me->files);
	exit_mmap(me);
	switch_pgd(NULL);
	pgd_free(me->pgd);
	me->pgd = NULL;
	for (struct task_struct *t = task_list; t; t = t->next_task)
		if (t->parent == me)
			t->parent = NULL; /* orphans: the idle task reaps them */
	if (me == &init_task)
		kill_all_processes();
	me->exit_code = status;
	me->state = TASK_ZOMBIE;
	if (me->parent && me->parent->state == TASK_WAITING)
		me->parent->state = TASK_RUNNING;
	schedule();
	panic("do_exit: a zombie was scheduled");
}

/* A zombie child of current matching pid (-1: any), and whether any child matches. */
static struct task_struct *find_zombie_child(int pid, bool *have_child)
{
	*have_child = false;
	for (struct task_struct *t = task_list; t; t = t->next_task) {
		if (t->parent != current || (pid != -1 && t->pid != pid))
			continue;
		*have_child = true;
		if (t->state == TASK_ZOMBIE)
			return t;
	}
	return NULL;
}

long process_wait(int pid, int *status, int options)
{
	for (;;) {
		bool have_child;
		struct task_struct *z = find_zombie_child(pid, &have_child);

		if (z) {
			int zpid = z->pid;

			*status = z->exit_code;
			release_task(z);
			return zpid;
		}
		if (!have_child)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (current->pending_signal)
			return -EINTR;
		current->state = TASK_WAITING;
		schedule();
	}
}

long process_kill(int pid, int sig)
{
	struct task_struct *t = task_list;

	if (sig < 0 || sig > 64)
		return -EINVAL;
	while (t && (t == &idle_task || t->pid != pid))
		t = t->next_task;
	if (!t || pid <= 0)
		return -ESRCH;
	if (!sig || t->state == TASK_ZOMBIE)
		return 0;
	t->pending_signal = sig;
	if (t->state == TASK_WAITING)
		t->state = TASK_RUNNING;
	return 0;
}

void exit_to_user_mode(bool from_irq)
{
	if (current->pending_signal)
		do_exit(current->pending_signal);
	if (!from_irq)
		return;
	schedule();
	if (current->pending_signal) /* killed while it was switched out */
		do_exit(current->pending_signal);
}

/* The idle task's cleanup: orphaned zombies have no parent to reap them. */
static void reap_orphans(void)
{
	struct task_struct *t = task_list;

	while (t) {
		struct task_struct *next = t->next_task;

		if (t != &init_task && !t->parent && t->state == TASK_ZOMBIE)
			release_task(t);
		t = next;
	}
}

/*
 * When init exits, every process still alive (orphans it left behind) gets
 * SIGKILL; each dies on its way back to ring 3, the idle task reaps it.
 */
static void kill_all_processes(void)
{
	unsigned int n = 0;

	for (struct task_struct *t = task_list; t; t = t->next_task) {
		if (t != &idle_task && t != current && t->state != TASK_ZOMBIE) {
			process_kill(t->pid, SIGKILL);
			n++;
		}
	}
	if (n)
		printk("init exited: killing %u remaining process%s\n", n, n > 1 ? "es" : "");
}

int run_init(char *const argv[])
{
	char arg[16];
	int err;

	if (cmdline_get("unprivileged_bpf_disabled", arg, sizeof(arg)) > 0)
		sysctl_unprivileged_bpf_disabled = (int)strtol(arg, NULL, 10);
	syscall_init();
	idle_task.files = init_task.files;
	current_task = &idle_task;
	init_task.parent = NULL;
	init_task.state = TASK_RUNNING;
	init_task.exit_code = 0;
	init_task.pending_signal = 0;
	err = task_start(&init_task, "init", argv);
	if (err) {
		current_task = &init_task;
		return err;
	}
	while (init_task.state != TASK_ZOMBIE) {
		schedule();
		reap_orphans();
		if (init_task.state != TASK_ZOMBIE && pick_next_task() == &idle_task)
			panic("run_init: no runnable task and init is alive");
	}
	while (pick_next_task() != &idle_task) /* those killed when init exited */
		schedule();
	reap_orphans();
	release_task(&init_task);
	current_task = &init_task;
	return init_task.exit_code;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Ring-3 faults that must end this process (and only it): init runs it once
 * per kind (argv[1]) and checks the signal in the wait status. "exit42"
 * exits normally with 42 to test the status path itself; "spin" loops in
 * ring 3 until it is killed (preemption and kill()); "orphan" leaves such a
 * spinner behind and exits (the kernel kills it after init exits).
 */
#include <string.h>
#include <stdlib.h>
#include "user/bpfkern_user.h"

typedef void (*fn_t)(void);

int main(int argc, char **argv);

static char data_page[64] = { (char)0xc3 }; /* a `ret`, in NX data */

static void fault(const char *kind)
{
	volatile unsigned char code[16];

	if (!strcmp(kind, "null_read"))
		(void)*(volatile int *)0;
	else if (!strcmp(kind, "nx_stack")) {
		code[0] = 0xc3; /* ret */
		((fn_t)(unsigned long)code)();
	} else if (!strcmp(kind, "nx_data"))
		((fn_t)(unsigned long)data_page)();
	else if (!strcmp(kind, "write_text"))
		*(volatile unsigned char *)(unsigned long)main = 0x90;
	else if (!strcmp(kind, "kernel_read")) /* the direct map: present, supervisor-only */
		(void)*(volatile long *)0xffff888000100000L;
	else if (!strcmp(kind, "kernel_exec"))
		((fn_t)0xffffffff80100000L)();
	else if (!strcmp(kind, "ud2"))
		__asm__ __volatile__("ud2");
	else if (!strcmp(kind, "hlt")) /* privileged: #GP */
		__asm__ __volatile__("hlt");
	else if (!strcmp(kind, "int80")) /* a gate ring 3 may not use: #GP */
		__asm__ __volatile__("int $0x80");
	else if (!strcmp(kind, "int3"))
		__asm__ __volatile__("int3");
	else if (!strcmp(kind, "single_step")) /* TF set: #DB after the next instruction */
		__asm__ __volatile__("pushfq; orq $0x100, (%%rsp); popfq; nop" ::: "memory", "cc");
	else if (!strcmp(kind, "exit42"))
		exit(42);
	else if (!strcmp(kind, "abort"))
		abort(); /* newlib: raise -> kill(getpid(), SIGABRT) */
	else if (!strcmp(kind, "spin"))
		for (;;)
			__asm__ __volatile__("" ::: "memory");
	else if (!strcmp(kind, "orphan")) { /* leave a spinning child behind */
		char *child[] = { "t_fault", "spin", NULL };

		exit(bpfkern_spawn("t_fault", child, 0) > 0 ? 0 : 1);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	fault(argv[1]);
	return 3; /* the fault did not happen */
}

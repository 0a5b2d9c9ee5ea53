// SPDX-License-Identifier: GPL-2.0
/*
 * init, pid 1: the first ring-3 program. It prints a line; started with
 * "test" (the kernel's utest command-line flag) it runs the ring-3 test
 * programs (tests/user/) one after another as its children, prints one
 * "ok NAME" / "not ok NAME reason" line for each expectation on how they
 * end (the programs print their own lines for what they check inside), and
 * exits 0 only when everything passed ("warmup": one child, quietly, before
 * the kernel counts free pages; "run NAME": only program NAME, its output
 * between "init: run NAME" and "init: NAME exit status"). argv[2] is the kernel's
 * unprivileged_bpf_disabled value, handed on to the unprivileged bpf test.
 *
 * Without "test" init is the appliance's: it carries out the boot
 * configuration of the kernel command line, each xdp=PORT:OBJ:PROG word
 * (load /boot/OBJ with every map and program, pin them, attach PROG to PORT
 * with an XDP link pinned at /sys/fs/bpf/xdp/PORT: user/appliance.c), runs
 * the console commands of /boot/init.rc when that module is present, and
 * then keeps an interactive console (user/console.c) on the serial line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include "user/appliance.h"
#include "user/bpfkern_user.h"

#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGKILL 9
#define SIGSEGV 11
#define ESRCH 3
#define EINVAL 22

#define CONSOLE_RESTARTS_MAX 5
#define CONSOLE_BACKOFF_MAX 60 /* seconds between tries once it keeps failing */

/* The object loader's buffers: ELF, BTF and a 256 KiB verifier log per program. */
DEFINE_USER_HEAP(4 << 20);

static int fails;
static char load_log[32 << 10];

/* Run name with arg as a child (flags as bpfkern_spawn); its wait status or -1. */
static int run(const char *name, const char *arg, unsigned int flags)
{
	char *argv[] = { (char *)name, (char *)arg, NULL };
	int status;
	long pid = bpfkern_spawn(name, argv, flags);

	if (pid < 0) {
		printf("not ok user.spawn_%s %s: spawn failed (%ld)\n", name, arg ? arg : "", pid);
		fails++;
		return -1;
	}
	if (sys_wait4((int)pid, &status, 0, NULL) != pid) {
		printf("not ok user.wait_%s wait4 did not return pid %ld\n", name, pid);
		fails++;
		return -1;
	}
	return status;
}

/* One line for a child that must exit with code want. */
static void expect_exit(const char *test, int status, int want)
{
	if (status >= 0 && W_IFEXITED(status) && W_EXITCODE_OF(status) == want) {
		printf("ok user.%s\n", test);
		return;
	}
	printf("not ok user.%s wait status %#x, wanted exit %d\n", test, status, want);
	fails++;
}

/* One line for a child that must be killed by signal sig. */
static void expect_signal(const char *test, int status, int sig)
{
	if (status >= 0 && W_SIGNAL_OF(status) == sig) {
		printf("ok user.%s\n", test);
		return;
	}
	printf("not ok user.%s wait status %#x, wanted signal %d\n", test, status, sig);
	fails++;
}

/*
 * A child spinning in ring 3 forever does not keep another child from
 * running (the timer preempts it) and is ended by kill(SIGKILL).
 */
static void test_preempt_and_kill(void)
{
	char *argv[] = { "t_fault", "spin", NULL };
	long spinner = bpfkern_spawn("t_fault", argv, 0);
	int status = -1;

	expect_exit("preempt_spinner_lets_others_run", run("t_fault", "exit42", 0), 42);
	expect_exit("kill_sigkill_accepted", raw_syscall(__NR_kill, spinner, SIGKILL, 0, 0, 0, 0),
		    0);
	if (sys_wait4((int)spinner, &status, 0, NULL) != spinner)
		status = -1;
	expect_signal("kill_ends_spinner", status, SIGKILL);
	expect_exit("kill_reaped_esrch",
		    raw_syscall(__NR_kill, spinner, 0, 0, 0, 0, 0) == -ESRCH ? 0 : 1, 0);
	expect_exit("kill_bad_signal_einval",
		    raw_syscall(__NR_kill, 1, 65, 0, 0, 0, 0) == -EINVAL ? 0 : 1, 0);
	expect_exit("kill_sig0_self", raw_syscall(__NR_kill, 1, 0, 0, 0, 0, 0), 0);
}

static void run_tests(const char *unpriv_disabled)
{
	static const char *const faults[] = { "null_read",   "nx_stack",    "write_text",
					      "kernel_read", "kernel_exec", "nx_data" };
	char name[64];

	expect_exit("syscalls", run("t_syscalls", NULL, 0), 0);
	for (unsigned int i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		snprintf(name, sizeof(name), "fault_kills_%s", faults[i]);
		expect_signal(name, run("t_fault", faults[i], 0), SIGSEGV);
	}
	expect_signal("fault_kills_ud2", run("t_fault", "ud2", 0), SIGILL);
	expect_signal("fault_kills_hlt", run("t_fault", "hlt", 0), SIGSEGV);
	expect_signal("fault_kills_int80", run("t_fault", "int80", 0), SIGSEGV);
	expect_signal("fault_kills_int3", run("t_fault", "int3", 0), SIGTRAP);
	expect_signal("fault_kills_single_step", run("t_fault", "single_step", 0), SIGTRAP);
	expect_exit("exit_status_42", run("t_fault", "exit42", 0), 42);
	expect_signal("abort_sigabrt", run("t_fault", "abort", 0), SIGABRT);
	test_preempt_and_kill();
	expect_exit("bpf_privileged", run("t_bpf", "priv", 0), 0);
	expect_exit("bpf_unprivileged", run("t_bpf", unpriv_disabled, SPAWN_DROP_CAP_BPF), 0);
	expect_exit("memory", run("t_memory", NULL, 0), 0);
	expect_exit("fuzz_bpf_100000_calls", run("t_fuzz", "100000", 0), 0);
	expect_exit("fuzz_bpf_unprivileged", run("t_fuzz", "20000", SPAWN_DROP_CAP_BPF), 0);
	/* After all those deaths init still runs, and has no child left. */
	expect_exit("init_survives", sys_wait4(-1, NULL, 0, NULL) == -10 ? 0 : 256, 0);
	/* Last: an orphan spinning in ring 3, for the kernel to kill when init exits. */
	expect_exit("orphan_left_behind", run("t_fault", "orphan", 0), 0);
}

/*
 * One xdp=PORT:OBJ:PROG word of the command line: load OBJ unless an
 * earlier word did, attach its program PROG to PORT. Problems are printed.
 */
static void boot_attach(char *spec)
{
	char *obj = strchr(spec, ':'), *prog = obj ? strchr(obj + 1, ':') : NULL;
	char name[64], path[PIN_PATH_MAX];
	int fd;

	if (!prog || obj == spec || prog == obj + 1 || !prog[1]) {
		printf("init: xdp=%s: expected xdp=PORT:OBJECT:PROGRAM\n", spec);
		return;
	}
	*obj++ = '\0';
	*prog++ = '\0';
	object_name(obj, name, sizeof(name));
	snprintf(path, sizeof(path), PIN_ROOT "/%s/%s", name, prog);
	fd = bpf_obj_get(path); /* an earlier xdp= word may have loaded obj */
	if (fd < 0) {
		if (appliance_load(obj, load_log, sizeof(load_log))) {
			fputs(load_log, stdout);
			return;
		}
		fd = bpf_obj_get(path);
	}
	if (fd < 0) {
		printf("init: xdp=%s:%s:%s: %s has no program %s\n", spec, obj, prog, obj, prog);
		return;
	}
	if (!xdp_attach(spec, fd, 0, false))
		printf("init: %s: XDP program %s of %s attached (link %s/xdp/%s)\n", spec, prog,
		       obj, PIN_ROOT, spec);
	close(fd);
}

/* Every xdp=PORT:OBJ:PROG word of /proc/cmdline (xdp=NAME is the kernel's built-in program). */
static void boot_configure(void)
{
	char *cmdline = read_whole_file("/proc/cmdline", NULL), *word, *save = NULL;

	if (!cmdline) {
		printf("init: /proc/cmdline: cannot read it\n");
		return;
	}
	for (word = strtok_r(cmdline, " \n", &save); word; word = strtok_r(NULL, " \n", &save))
		if (!strncmp(word, "xdp=", 4) && strchr(word, ':'))
			boot_attach(word + 4);
	free(cmdline);
}

/* Run the console with args (NULL-terminated after argv[0]) and wait: its wait status or -1. */
static int run_console(char **argv)
{
	long pid = bpfkern_spawn("console", argv, 0);
	int status;

	if (pid < 0) {
		printf("init: cannot start the console (%ld)\n", pid);
		return -1;
	}
	if (sys_wait4((int)pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

/* Wait secs seconds (nanosleep; the console's retries back off with it). */
static void pause_seconds(long secs)
{
	struct {
		long tv_sec, tv_nsec;
	} req = { secs, 0 };

	raw_syscall(__NR_nanosleep, (long)&req, 0, 0, 0, 0, 0);
}

/*
 * The appliance: boot configuration, /boot/init.rc, then the console for
 * good. init never returns from here: its exit would stop the kernel (as
 * Linux panics when init dies), and the packet path runs without a console.
 * A console that cannot start (no memory) or keeps failing is retried after
 * a pause that doubles up to CONSOLE_BACKOFF_MAX seconds.
 */
static __attribute__((noreturn)) void appliance(void)
{
	char *script[] = { "console", "-f", "/boot/init.rc", NULL };
	char *interactive[] = { "console", NULL };
	struct stat st;
	long backoff = 1;
	int console_fails = 0, status;

	boot_configure();
	if (!stat("/boot/init.rc", &st))
		run_console(script);
	for (;;) {
		status = run_console(interactive);
		console_fails = status ? console_fails + 1 : 0;
		if (!status)
			backoff = 1;
		if (console_fails < CONSOLE_RESTARTS_MAX) {
			if (status >= 0)
				printf("init: the console exited (status %#x); starting a new one\n",
				       status);
			continue;
		}
		printf("init: the console keeps failing; trying again in %ld s\n", backoff);
		pause_seconds(backoff);
		backoff = backoff * 2 > CONSOLE_BACKOFF_MAX ? CONSOLE_BACKOFF_MAX : backoff * 2;
	}
}

int main(int argc, char **argv)
{
	printf("init: hello from ring 3 (pid %d)\n", getpid());
	if (argc > 1 && !strcmp(argv[1], "warmup")) /* the kernel's leak check: one child */
		return run("t_fault", "exit42", 0) == 42 << 8 ? 0 : 1;
	if (argc > 2 && !strcmp(argv[1], "run")) { /* one program, its output between markers */
		int status;

		printf("init: run %s\n", argv[2]);
		status = run(argv[2], NULL, 0);
		printf("init: %s exit status %#x\n", argv[2], status);
		return status ? 1 : 0;
	}
	if (argc < 2 || strcmp(argv[1], "test"))
		appliance();
	run_tests(argc > 2 ? argv[2] : "2");
	printf("init: ring-3 tests done, %d failed\n", fails);
	return fails ? 1 : 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * t_reboot: reboot(2) needs CAP_SYS_BOOT, as on Linux. Run by tier 65 as
 * `utest=t_reboot`. The privileged parent checks Linux's -EINVAL for wrong
 * magic numbers and commands, then starts itself without capabilities
 * (bpfkern_spawn's SPAWN_DROP_CAPS): that child gets -EPERM for every
 * reboot call (before the magic is looked at, as Linux) and for bpf(), and
 * so does its own child, which cannot regain what its parent lost.
 * One "ok reboot.NAME" / "not ok reboot.NAME ..." line per check; exit 1 if any failed.
 */
#include <stdio.h>
#include <string.h>
#include "user/bpfkern_user.h"

#define EPERM 1
#define EINVAL 22
#define MAGIC1 0xfee1dead
#define MAGIC2 672274793

static int failures;

static void expect(const char *who, const char *name, long got, long want)
{
	if (got == want) {
		printf("ok reboot.%s%s\n", who, name);
		return;
	}
	printf("not ok reboot.%s%s got %ld, wanted %ld\n", who, name, got, want);
	failures++;
}

static long reboot_raw(unsigned long magic1, unsigned long magic2, unsigned long cmd)
{
	return raw_syscall(__NR_reboot, (long)magic1, (long)magic2, (long)cmd, 0, 0, 0);
}

/* Spawns t_reboot ROLE with flags and returns its exit code, or -1. */
static int run_child(const char *role, unsigned int flags)
{
	char *argv[] = { "t_reboot", (char *)role, NULL };
	long pid = bpfkern_spawn("t_reboot", argv, flags);
	int status = 0;

	if (pid < 0 || sys_wait4((int)pid, &status, 0, NULL) != pid || !W_IFEXITED(status))
		return -1;
	return W_EXITCODE_OF(status);
}

/* Without CAP_SYS_BOOT every form of the call is -EPERM, and bpf() too. */
static void unprivileged_checks(const char *who)
{
	union bpf_attr attr;

	expect(who, "restart", reboot_raw(MAGIC1, MAGIC2, LINUX_REBOOT_CMD_RESTART), -EPERM);
	expect(who, "power_off", reboot_raw(MAGIC1, MAGIC2, LINUX_REBOOT_CMD_POWER_OFF), -EPERM);
	expect(who, "bad_magic", reboot_raw(1, 2, LINUX_REBOOT_CMD_RESTART), -EPERM);
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 4;
	attr.max_entries = 1;
	expect(who, "bpf_map_create",
	       raw_syscall(__NR_bpf, BPF_MAP_CREATE, (long)&attr, sizeof(attr), 0, 0, 0), -EPERM);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "grandchild")) {
		unprivileged_checks("grandchild.");
		return failures ? 1 : 0;
	}
	if (argc == 2 && !strcmp(argv[1], "child")) {
		unprivileged_checks("child.");
		expect("child.", "grandchild_exit", run_child("grandchild", 0), 0);
		return failures ? 1 : 0;
	}
	expect("", "bad_magic1", reboot_raw(0xfee1deae, MAGIC2, LINUX_REBOOT_CMD_RESTART), -EINVAL);
	expect("", "bad_magic2", reboot_raw(MAGIC1, 1, LINUX_REBOOT_CMD_RESTART), -EINVAL);
	expect("", "bad_cmd", reboot_raw(MAGIC1, MAGIC2, 0x12345678), -EINVAL);
	expect("", "spawn_bad_flags", bpfkern_spawn("t_reboot", argv, 0x80), -EINVAL);
	expect("", "child_exit", run_child("child", SPAWN_DROP_CAPS), 0);
	return failures ? 1 : 0;
}

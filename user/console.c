// SPDX-License-Identifier: GPL-2.0
/*
 * The appliance console: a ring-3 program on the serial line (init spawns
 * it). Interactive: a "bpfkern> " prompt, one command per line. "-f FILE":
 * run FILE's lines (init.rc at boot), each echoed after the prompt, then
 * exit. "-c COMMAND": run one command and exit. Lines are split into words
 * at spaces; "#" starts a comment. Every bad command gets a usage line.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uapi/asm/stat.h>
#include <bpf/bpf.h>
#include "user/appliance.h"
#include "user/bpfkern_user.h"
#include "user/console.h"

#define LINE_MAX_LEN 512
#define WORDS_MAX 64
#define PROMPT "bpfkern> "

/* The object loader's buffers: ELF, BTF and a 256 KiB verifier log per program. */
DEFINE_USER_HEAP(4 << 20);

static char last_log[64 << 10]; /* `log`: the verifier log of the last load */

int usage(const char *text)
{
	printf("Usage: %s\n", text);
	return -1;
}

/* Print a file of the kernel's namespace (/proc, /boot) as it is. */
static int cat_file(const char *path)
{
	char *text = read_whole_file(path, NULL);

	if (!text) {
		printf("%s: cannot read: %s\n", path, strerror(errno));
		return -1;
	}
	fputs(text, stdout);
	free(text);
	return 0;
}

static int cmd_help(int argc, char **argv);

static int cmd_load(int argc, char **argv)
{
	if (argc != 2)
		return usage("load OBJ          (an object in /boot, e.g. load firewall.bpf.o)");
	return appliance_load(argv[1], NULL, 0) ? -1 : 0;
}

static int cmd_log(int argc, char **argv)
{
	if (argc != 1)
		return usage("log");
	if (appliance_last_log(last_log, sizeof(last_log))) {
		printf("no object loaded yet\n");
		return 0;
	}
	fputs(last_log, stdout);
	return 0;
}

static int cmd_mem(int argc, char **argv)
{
	return argc == 1 ? cat_file("/proc/meminfo") : usage("mem");
}

static int cmd_uptime(int argc, char **argv)
{
	char *text;
	unsigned long s, cs;

	if (argc != 1)
		return usage("uptime");
	text = read_whole_file("/proc/uptime", NULL);
	if (!text || sscanf(text, "%lu.%lu", &s, &cs) != 2) {
		free(text);
		printf("uptime: /proc/uptime unreadable\n");
		return -1;
	}
	printf("up %lu.%02lu s\n", s, cs);
	free(text);
	return 0;
}

static int cmd_cat(int argc, char **argv)
{
	return argc == 2 ? cat_file(argv[1]) : usage("cat FILE     (e.g. cat /proc/net/dev)");
}

/* ls DIR: the names in a directory of the kernel's namespace, one per line. */
static int cmd_ls(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/boot";
	char buf[1024];
	long n;
	int fd;

	if (argc > 2)
		return usage("ls [DIR]     (default /boot)");
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		printf("ls: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((n = sys_getdents64(fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			if (d->d_name[0] != '.')
				printf("%s%s\n", d->d_name, d->d_type == LINUX_DT_DIR ? "/" : "");
			off += d->d_reclen;
		}
	close(fd);
	if (n < 0) {
		printf("ls: %s: %s\n", dir, strerror((int)-n));
		return -1;
	}
	return 0;
}

/* reboot(2) RESTART or POWER_OFF; returns only when refused, with the kernel's reason. */
static int reboot_cmd(const char *name, unsigned int cmd)
{
	long err;

	fflush(stdout);
	err = sys_reboot(cmd);
	printf("%s: %s\n", name, strerror((int)-err));
	return -1;
}

static int cmd_reboot(int argc, char **argv)
{
	return reboot_cmd("reboot", LINUX_REBOOT_CMD_RESTART);
}

static int cmd_halt(int argc, char **argv)
{
	return reboot_cmd("halt", LINUX_REBOOT_CMD_POWER_OFF);
}

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{ "prog", cmd_prog,
	  "prog list | show PROG | dump xlated PROG | dump jited PROG [opcodes]" },
	{ "map", cmd_map,
	  "map list | show MAP | dump MAP | lookup MAP key BYTES | update MAP key BYTES "
	  "value BYTES [any|exist|noexist] | delete MAP key BYTES" },
	{ "link", cmd_link, "link list | show LINK" },
	{ "net", cmd_net,
	  "net list | attach xdp PROG dev PORT | replace xdp PROG dev PORT | detach xdp dev PORT\n"
	  "                 (xdpgeneric, xdpdrv, xdpoffload: the mode, as bpftool)" },
	{ "load", cmd_load, "load OBJ       load /boot/OBJ, pin it under /sys/fs/bpf/NAME/" },
	{ "pin", cmd_pin, "pin prog|map|link SPEC PATH    pin an object (PATH under /sys/fs/bpf)" },
	{ "stats", cmd_stats, "stats on|off   run_time_ns and run_cnt (BPF_ENABLE_STATS)" },
	{ "log", cmd_log, "log            the verifier log of the last load" },
	{ "ls", cmd_ls, "ls [DIR]       list /boot (or DIR)" },
	{ "cat", cmd_cat, "cat FILE       print a file (/proc/net/dev, /proc/cmdline...)" },
	{ "mem", cmd_mem, "mem            memory usage" },
	{ "uptime", cmd_uptime, "uptime         time since boot" },
	{ "reboot", cmd_reboot, "reboot         restart the machine" },
	{ "halt", cmd_halt, "halt           power off" },
	{ "help", cmd_help, "help           this list" },
};

static int cmd_help(int argc, char **argv)
{
	printf("Commands (PROG, MAP, LINK: id N | name NAME | pinned PATH | N;\n"
	       "BYTES: bytes in C notation, or hex after the word hex: key hex 0a 00 00 00):\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %s\n", commands[i].help);
	return 0;
}

/* Split line into words at blanks (a "#" word ends it); returns how many. */
static int split_words(char *line, char **argv)
{
	int argc = 0;
	char *save = NULL;

	for (char *w = strtok_r(line, " \t\r\n", &save); w && argc < WORDS_MAX - 1;
	     w = strtok_r(NULL, " \t\r\n", &save)) {
		if (w[0] == '#')
			break;
		argv[argc++] = w;
	}
	argv[argc] = NULL;
	return argc;
}

/* Run one command line; 0, or -1 when it failed (its error printed). */
static int run_line(char *line)
{
	char *argv[WORDS_MAX];
	int argc = split_words(line, argv);

	if (!argc)
		return 0;
	if (!strcmp(argv[0], "exit") || !strcmp(argv[0], "quit"))
		exit(0);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[0], commands[i].name))
			return commands[i].fn(argc, argv);
	printf("%s: unknown command (try 'help')\n", argv[0]);
	return -1;
}

/* -f FILE: every line echoed after the prompt, then run. Returns how many failed. */
static int run_script(const char *path)
{
	char *text = read_whole_file(path, NULL), *line, *save = NULL;
	int failed = 0;

	if (!text) {
		printf("console: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		printf(PROMPT "%s\n", line);
		failed += run_line(line) != 0;
	}
	free(text);
	return failed;
}

int main(int argc, char **argv)
{
	char line[LINE_MAX_LEN];

	if (argc == 3 && !strcmp(argv[1], "-f"))
		return run_script(argv[2]) ? 1 : 0;
	if (argc == 3 && !strcmp(argv[1], "-c"))
		return run_line(argv[2]) ? 1 : 0;
	printf("\nbpfkern: the appliance console. Type 'help' for commands.\n");
	for (;;) {
		fputs(PROMPT, stdout);
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			return 0;
		run_line(line);
		fflush(stdout);
	}
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The appliance console (ring 3, on the serial line): user/console.c reads
 * commands and dispatches them; user/console_bpf.c holds the prog, map,
 * link and net commands, whose output is shaped like bpftool's plain output.
 * A command gets its words (argv[0] is the command) and returns 0, or -1
 * after printing its error or usage line.
 */
#ifndef USER_CONSOLE_H
#define USER_CONSOLE_H

#include <stddef.h>

int cmd_prog(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_link(int argc, char **argv);
int cmd_net(int argc, char **argv);
int cmd_pin(int argc, char **argv);
int cmd_stats(int argc, char **argv);

/*
 * A program, map or link named by argv[*i...]: "id N", "name NAME",
 * "pinned PATH" (bpftool's forms) or a bare id. Advances *i past it and
 * returns an fd (close it), or -1 after printing why.
 */
int parse_prog_fd(int argc, char **argv, int *i);
int parse_map_fd(int argc, char **argv, int *i);
int parse_link_fd(int argc, char **argv, int *i);

/*
 * BTF from the kernel, for printing map keys and values (user/console_btf.c):
 * load by BTF id (NULL when it cannot be read), print data (size bytes) as
 * type type_id in bpftool's JSON-like form, free.
 */
struct console_btf;
struct console_btf *console_btf_load(unsigned int btf_id);
void console_btf_print(const struct console_btf *b, unsigned int type_id, const void *data,
		       unsigned int size);
void console_btf_free(struct console_btf *b);
/* The string at offset off of the BTF's string section ("?" when out of range). */
const char *console_btf_str(const struct console_btf *b, unsigned int off);

/* Prints "Usage: TEXT" and returns -1. */
int usage(const char *text);

#endif

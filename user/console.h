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
 * Print data (size bytes) as type type_id of btf (libbpf's <bpf/btf.h>, e.g.
 * from btf__load_from_kernel_by_id) in bpftool's JSON-like form
 * (user/console_btf.c).
 */
struct btf;
void console_btf_print(const struct btf *b, unsigned int type_id, const void *data,
		       unsigned int size);

/* Prints "Usage: TEXT" and returns -1. */
int usage(const char *text);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/* bpfrun's ELF object commands (tools/bpfrun_obj.c), called from tools/bpfrun.c. */
#ifndef BPFKERN_TOOLS_BPFRUN_OBJ_H
#define BPFKERN_TOOLS_BPFRUN_OBJ_H

#include <stddef.h>

/*
 * `bpfrun verify [--prog NAME] [--log-level N] OBJ.o`: loads the object as
 * libbpf's bpf_object__load does (every map; every program, or only NAME).
 * Exit status: 0 every program accepted, 1 one was refused, 2 bad input.
 */
int bpfrun_obj_verify(const char *path, const char *prog_name, unsigned int log_level);

/*
 * `bpfrun run [--prog NAME] [--mem HEX | --data FILE] [--data-out FILE]
 * [--repeat N] OBJ.o`: loads the object's maps and program NAME (default:
 * the first) and runs it once on data with BPF_PROG_TEST_RUN, then repeat
 * times for ns/run. Prints "retval 0x<hex>". Exit status 0, or 2.
 */
int bpfrun_obj_run(const char *path, const char *prog_name, const void *data, size_t len,
		   const char *data_out, unsigned long repeat);

#endif

// SPDX-License-Identifier: GPL-2.0
/*
 * bpfrun's ELF object commands: a clang-built .o goes through lib/bpf's
 * object loader (bpf_object__open/load) to the kernel's bpf() in-process
 * (tools/host/sys_bpf_host.c), exactly as a user program on Linux would,
 * so maps, global data and subprogram calls come with it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "bpfrun_obj.h"

#define EXIT_BAD_INPUT 2

/* Opens path and leaves only program prog_name (NULL: all, or the first if first_only) to load. */
static struct bpf_object *open_obj(const char *path, const char *prog_name, bool first_only,
				   struct bpf_program **chosen)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *p, *want = NULL;

	if (!obj)
		return NULL;
	if (prog_name) {
		want = bpf_object__find_program_by_name(obj, prog_name);
		if (!want) {
			fprintf(stderr, "bpfrun: %s: no program '%s'; programs:", path, prog_name);
			bpf_object__for_each_program(p, obj)
				fprintf(stderr, " %s", bpf_program__name(p));
			fputc('\n', stderr);
			bpf_object__close(obj);
			return NULL;
		}
	} else if (first_only) {
		want = bpf_object__next_program(obj, NULL);
		if (!want) {
			fprintf(stderr, "bpfrun: %s: the object has no program\n", path);
			bpf_object__close(obj);
			return NULL;
		}
	}
	bpf_object__for_each_program(p, obj) bpf_program__set_autoload(p, !want || p == want);
	*chosen = want;
	return obj;
}

int bpfrun_obj_verify(const char *path, const char *prog_name, unsigned int log_level)
{
	struct bpf_program *p, *chosen;
	struct bpf_object *obj = open_obj(path, prog_name, false, &chosen);
	int err;

	if (!obj)
		return EXIT_BAD_INPUT;
	bpf_object__for_each_program(p, obj) bpf_program__set_log_level(p, log_level);
	err = bpf_object__load(obj);
	bpf_object__for_each_program(p, obj)
	{
		const char *log = bpf_program__log_buf(p, NULL);

		if (!bpf_program__autoload(p))
			continue;
		if (log && log[0])
			printf("%s", log);
		if (bpf_program__fd(p) >= 0)
			printf("prog %s (%s): accepted\n", bpf_program__name(p),
			       bpf_program__section_name(p));
	}
	if (err) {
		char msg[128];

		libbpf_strerror(err, msg, sizeof(msg));
		printf("verification failed: %s (%d)\n", msg, err);
	}
	bpf_object__close(obj);
	return err ? 1 : 0;
}

static int write_out(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "bpfrun: --data-out %s: %s\n", path, strerror(errno));
		return EXIT_BAD_INPUT;
	}
	return 0;
}

int bpfrun_obj_run(const char *path, const char *prog_name, const void *data, size_t len,
		   const char *data_out, unsigned long repeat)
{
	static unsigned char out[65536];
	struct bpf_program *prog;
	struct bpf_object *obj = open_obj(path, prog_name, true, &prog);
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = data, .data_size_in = (__u32)len,
		    .data_out = out, .data_size_out = sizeof(out), .repeat = 1);
	int ret = 0;

	if (!obj)
		return EXIT_BAD_INPUT;
	if (bpf_object__load(obj)) {
		bpf_object__close(obj);
		return EXIT_BAD_INPUT;
	}
	if (bpf_prog_test_run_opts(bpf_program__fd(prog), &opts)) {
		fprintf(stderr, "bpfrun: %s: test run of '%s' failed: %s\n", path,
			bpf_program__name(prog), strerror(errno));
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	printf("retval 0x%x\n", opts.retval);
	if (data_out)
		ret = write_out(data_out, out, opts.data_size_out);
	if (!ret && repeat) {
		opts.repeat = repeat > 0x7fffffff ? 0x7fffffff : (int)repeat;
		opts.data_size_out = sizeof(out);
		if (bpf_prog_test_run_opts(bpf_program__fd(prog), &opts) == 0)
			printf("ns/run %u\n", opts.duration);
	}
out:
	bpf_object__close(obj);
	return ret;
}

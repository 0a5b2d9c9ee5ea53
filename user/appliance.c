// SPDX-License-Identifier: GPL-2.0
/*
 * Loading, pinning and attaching BPF objects from ring 3 (user/appliance.h):
 * the boot configuration of init and the console's load and net commands
 * share these, so that both leave the same pins behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "user/appliance.h"

#define FILE_CHUNK 4096

char *read_whole_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	size_t size = 0, cap = FILE_CHUNK;
	char *buf = NULL, *grown;
	int n = 1;

	if (fd < 0)
		return NULL;
	while (n > 0) {
		grown = realloc(buf, cap + 1);
		if (!grown) {
			n = -1;
			errno = ENOMEM;
			break;
		}
		buf = grown;
		n = read(fd, buf + size, cap - size);
		if (n > 0 && (size += (size_t)n) == cap)
			cap *= 2;
	}
	close(fd);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[size] = '\0';
	if (len)
		*len = size;
	return buf;
}

unsigned int port_ifindex(const char *name)
{
	char *text = read_whole_file("/proc/net/xdp", NULL), *line, *save = NULL;
	unsigned int ifindex = 0, idx;
	char port[32];

	if (!text)
		return 0;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "%31s %u", port, &idx) == 2 && !strcmp(port, name))
			ifindex = idx;
	free(text);
	return ifindex;
}

void object_name(const char *file, char *buf, size_t size)
{
	const char *base = strrchr(file, '/');

	base = base ? base + 1 : file;
	snprintf(buf, size, "%.*s", (int)strcspn(base, "."), base);
}

/* mkdir that finds an existing directory fine. */
static int mkdir_once(const char *path)
{
	return mkdir(path, 0700) && errno != EEXIST ? -errno : 0;
}

/* Pin every program at dir/NAME and every map at dir/maps/NAME (maps libbpf pinned stay). */
static int pin_object(struct bpf_object *obj, const char *dir)
{
	char path[PIN_PATH_MAX * 2];
	struct bpf_program *prog;
	struct bpf_map *map;
	int err;

	snprintf(path, sizeof(path), "%s/maps", dir);
	err = mkdir_once(path);
	bpf_object__for_each_program(prog, obj)
	{
		if (err || bpf_program__fd(prog) < 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, bpf_program__name(prog));
		err = bpf_obj_pin(bpf_program__fd(prog), path) ? -errno : 0;
		printf("  prog %-16s pinned %s\n", bpf_program__name(prog), path);
	}
	bpf_object__for_each_map(map, obj)
	{
		if (err || bpf_map__is_pinned(map))
			continue;
		snprintf(path, sizeof(path), "%s/maps/%s", dir, bpf_map__name(map));
		err = bpf_obj_pin(bpf_map__fd(map), path) ? -errno : 0;
		printf("  map  %-16s pinned %s\n", bpf_map__name(map), path);
	}
	if (err)
		printf("load: pinning under %s: %s\n", dir, strerror(-err));
	return err;
}

/*
 * Keep the verifier's log of obj's programs: libbpf keeps it for a refused
 * program (loaded again with log_level 1); an accepted one gets a line.
 */
static void keep_log(struct bpf_object *obj, char *log, size_t log_size)
{
	struct bpf_program *prog;
	size_t len = 0;
	const char *text;

	bpf_object__for_each_program(prog, obj)
	{
		text = bpf_program__log_buf(prog, NULL);
		if (len >= log_size)
			break;
		if (text && text[0])
			len += snprintf(log + len, log_size - len, "prog %s:\n%s%s",
					bpf_program__name(prog), text,
					text[strlen(text) - 1] == '\n' ? "" : "\n");
		else
			len += snprintf(log + len, log_size - len, "prog %s: %s\n",
					bpf_program__name(prog),
					bpf_program__fd(prog) >= 0 ? "accepted" : "not loaded");
	}
}

int appliance_load(const char *file, char *log, size_t log_size)
{
	char path[PIN_PATH_MAX], name[64], dir[PIN_PATH_MAX / 2];
	struct bpf_object_open_opts opts = { .sz = sizeof(opts) };
	struct bpf_program *prog;
	struct bpf_object *obj;
	struct stat st;
	int err;

	if (log_size)
		log[0] = '\0';
	snprintf(path, sizeof(path), "%s%s", strchr(file, '/') ? "" : "/boot/", file);
	object_name(path, name, sizeof(name));
	snprintf(dir, sizeof(dir), PIN_ROOT "/%s", name);
	if (stat(path, &st)) {
		printf("load: %s: %s\n", path, strerror(errno));
		return -errno;
	}
	if (!name[0] || mkdir(dir, 0700)) {
		printf("load: %s: %s is taken (object already loaded?)\n", path, dir);
		return -EEXIST;
	}
	opts.object_name = name;
	obj = bpf_object__open_file(path, &opts);
	if (!obj) {
		err = -errno;
		printf("load: %s: cannot open: %s\n", path, strerror(-err));
		rmdir(dir);
		return err;
	}
	bpf_object__for_each_program(prog, obj)
		bpf_program__set_log_level(prog, 4); /* BPF_LOG_STATS: the summary line */
	err = bpf_object__load(obj);
	keep_log(obj, log, log_size);
	if (err) {
		printf("load: %s: %s (the verifier's log: 'log')\n", path, strerror(-err));
		rmdir(dir);
	} else {
		printf("loaded %s as %s\n", path, name);
		err = pin_object(obj, dir);
	}
	bpf_object__close(obj);
	return err;
}

int xdp_attach(const char *port, int prog_fd, unsigned int flags, bool replace)
{
	struct bpf_link_create_opts opts = { .sz = sizeof(opts), .flags = flags };
	unsigned int ifindex = port_ifindex(port);
	char path[PIN_PATH_MAX];
	int link_fd, err;

	if (!ifindex) {
		printf("net: no port %s (see 'net list')\n", port);
		return -ENODEV;
	}
	snprintf(path, sizeof(path), PIN_ROOT "/xdp/%s", port);
	if (replace) {
		link_fd = bpf_obj_get(path);
		if (link_fd < 0) {
			printf("net: %s has no pinned link to replace (%s)\n", port, path);
			return -ENOENT;
		}
		err = bpf_link_update(link_fd, prog_fd, NULL) ? -errno : 0;
		if (err)
			printf("net: replace on %s: %s\n", port, strerror(-err));
		close(link_fd);
		return err;
	}
	link_fd = bpf_link_create(prog_fd, (int)ifindex, BPF_XDP, &opts);
	if (link_fd < 0) {
		err = -errno;
		printf("net: attach to %s: %s\n", port, strerror(-err));
		return err;
	}
	err = mkdir_once(PIN_ROOT "/xdp");
	if (!err && bpf_obj_pin(link_fd, path))
		err = -errno;
	if (err) {
		printf("net: pinning the link at %s: %s; detached\n", path, strerror(-err));
		bpf_link_detach(link_fd);
	}
	close(link_fd);
	return err;
}

int xdp_detach(const char *port)
{
	char path[PIN_PATH_MAX];
	int link_fd, err;

	snprintf(path, sizeof(path), PIN_ROOT "/xdp/%s", port);
	link_fd = bpf_obj_get(path);
	if (link_fd < 0) {
		printf("net: %s has no pinned link (%s)\n", port, path);
		return -ENOENT;
	}
	err = bpf_link_detach(link_fd) ? -errno : 0;
	close(link_fd);
	if (err)
		printf("net: detach from %s: %s\n", port, strerror(-err));
	else if (unlink(path))
		err = -errno;
	return err;
}

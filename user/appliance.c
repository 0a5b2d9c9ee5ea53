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
/* The last load's verifier log, kept for every process's `log` in a pinned map. */
#define LOG_MAP_PIN PIN_ROOT "/.verifier_log"
#define LOG_KEEP (64 << 10)

/* The map's one value: the log's length, then its text (its last LOG_KEEP - 4 bytes). */
struct log_value {
	__u32 len;
	char text[LOG_KEEP - sizeof(__u32)];
};

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
 * The verifier's log of obj's programs, one "prog NAME:" section each, in a
 * malloc'ed string (NULL when memory runs out).
 */
static char *collect_log(struct bpf_object *obj)
{
	struct bpf_program *prog;
	size_t len = 0, cap = 1;
	const char *text;
	char *log;

	bpf_object__for_each_program(prog, obj)
	{
		text = bpf_program__log_buf(prog, NULL);
		cap += strlen(bpf_program__name(prog)) + (text ? strlen(text) : 0) + 32;
	}
	log = malloc(cap);
	if (!log)
		return NULL;
	log[0] = '\0';
	bpf_object__for_each_program(prog, obj)
	{
		text = bpf_program__log_buf(prog, NULL);
		if (text && text[0])
			len += snprintf(log + len, cap - len, "prog %s:\n%s%s",
					bpf_program__name(prog), text,
					text[strlen(text) - 1] == '\n' ? "" : "\n");
		else
			len += snprintf(log + len, cap - len, "prog %s: %s\n",
					bpf_program__name(prog),
					bpf_program__fd(prog) >= 0 ? "accepted" : "not loaded");
	}
	return log;
}

/* The pinned array map that keeps the last load's log; created on first use. fd or -errno. */
static int log_map_fd(bool create)
{
	int fd = bpf_obj_get(LOG_MAP_PIN), err;

	if (fd >= 0 || !create)
		return fd >= 0 ? fd : -errno;
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "verifier_log", sizeof(__u32),
			    sizeof(struct log_value), 1, NULL);
	if (fd < 0)
		return -errno;
	if (bpf_obj_pin(fd, LOG_MAP_PIN)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

/* Keep the end of log (where the verdict and the summary are) as the last load's log. */
static void record_log(const char *log)
{
	static struct log_value v;
	size_t len = strlen(log);
	__u32 key = 0;
	int fd = log_map_fd(true);

	if (fd < 0) {
		printf("load: keeping the verifier log at %s: %s\n", LOG_MAP_PIN, strerror(-fd));
		return;
	}
	if (len > sizeof(v.text)) {
		log += len - sizeof(v.text);
		len = sizeof(v.text);
	}
	v.len = (__u32)len;
	memcpy(v.text, log, len);
	if (bpf_map_update_elem(fd, &key, &v, BPF_ANY))
		printf("load: keeping the verifier log: %s\n", strerror(errno));
	close(fd);
}

int appliance_last_log(char *buf, size_t size)
{
	static struct log_value v;
	__u32 key = 0;
	int fd = log_map_fd(false), err = 0;
	size_t len;

	if (fd < 0)
		return fd;
	if (bpf_map_lookup_elem(fd, &key, &v))
		err = -errno;
	close(fd);
	if (err || !size)
		return err;
	len = v.len < size - 1 ? v.len : size - 1;
	memcpy(buf, v.text, len);
	buf[len] = '\0';
	return 0;
}

/*
 * bpf_object__load of path (object name name) with every program's verifier
 * log at log_level; the object (NULL when it cannot be opened) and in *err
 * the load's result. libbpf's own messages are silenced when quiet.
 */
static struct bpf_object *load_object(const char *path, const char *name, __u32 log_level,
				      bool quiet, int *err)
{
	struct bpf_object_open_opts opts = { .sz = sizeof(opts), .object_name = name };
	libbpf_print_fn_t old = quiet ? libbpf_set_print(NULL) : NULL;
	struct bpf_program *prog;
	struct bpf_object *obj = bpf_object__open_file(path, &opts);

	*err = obj ? 0 : -errno;
	if (obj) {
		bpf_object__for_each_program(prog, obj) bpf_program__set_log_level(prog, log_level);
		*err = bpf_object__load(obj);
	}
	if (quiet)
		libbpf_set_print(old);
	return obj;
}

/*
 * A refused object is loaded once more with the verbose log (level 2), as
 * libbpf loads a refused program again for its log; the verdict stays the
 * first load's. Returns the log to keep (malloc'ed) or NULL.
 */
static char *refused_log(const char *path, const char *name, struct bpf_object *obj)
{
	int err;
	struct bpf_object *again = load_object(path, name, 2, true, &err);
	char *log = collect_log(again ? again : obj);

	bpf_object__close(again);
	return log;
}

int appliance_load(const char *file, char *log, size_t log_size)
{
	char path[PIN_PATH_MAX], name[64], dir[PIN_PATH_MAX / 2], *text;
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
	obj = load_object(path, name, 1, false, &err);
	if (!obj) {
		printf("load: %s: cannot open: %s\n", path, strerror(-err));
		rmdir(dir);
		return err;
	}
	text = err ? refused_log(path, name, obj) : collect_log(obj);
	if (text) {
		record_log(text);
		if (log_size)
			snprintf(log, log_size, "%s", text);
		free(text);
	}
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

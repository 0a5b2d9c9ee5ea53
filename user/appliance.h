/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What init (the boot configuration) and the console (its load and net
 * commands) both do with BPF objects, in ring 3 over lib/bpf
 * (user/appliance.c). Every function prints its own error line
 * ("load: ...", "net: ...") and returns 0 or a negative errno.
 *
 * Pins: an object file loaded from /boot/OBJ.bpf.o (object name OBJ: its
 * basename up to the first '.') pins each program at /sys/fs/bpf/OBJ/PROG
 * and each map at /sys/fs/bpf/OBJ/maps/MAP; the XDP link of port PORT is
 * /sys/fs/bpf/xdp/PORT.
 */
#ifndef USER_APPLIANCE_H
#define USER_APPLIANCE_H

#include <stdbool.h>
#include <stddef.h>

#define PIN_ROOT "/sys/fs/bpf"
#define PIN_PATH_MAX 256

/* The whole of file path in a malloc'ed, NUL-terminated buffer (*len bytes); NULL with errno. */
char *read_whole_file(const char *path, size_t *len);

/* The ifindex of port name ("eth0") from /proc/net/xdp, or 0 when there is no such port. */
unsigned int port_ifindex(const char *name);

/*
 * Load file (a name in /boot, or a path) as libbpf's bpf_object__load does:
 * every map, every program; pin them (see above) and print one line per
 * program and map. Every program's verifier log is taken at log level 1;
 * when the object is refused, it is loaded once more at level 2 for the
 * log (the verdict stays the first load's), as libbpf loads a refused
 * program again for its log. That log ("prog NAME:" and its text for each
 * program) is copied to log (log_size bytes, may be 0) and kept, its last
 * 64 KiB, in the array map pinned at /sys/fs/bpf/.verifier_log for
 * appliance_last_log, whichever process loaded (init's xdp= words, init.rc,
 * the console). 0 or -errno.
 */
int appliance_load(const char *file, char *log, size_t log_size);

/* The log kept by the last appliance_load of any process into buf. 0, or -ENOENT: none yet. */
int appliance_last_log(char *buf, size_t size);

/* The object name of file ("/boot/firewall.bpf.o" -> "firewall") into buf. */
void object_name(const char *file, char *buf, size_t size);

/*
 * Attach the program prog_fd to port's XDP hook with BPF_LINK_CREATE (flags:
 * XDP_FLAGS_*_MODE, 0 for the port's best) and pin the link at
 * /sys/fs/bpf/xdp/PORT; with replace, a pinned link is updated to the
 * program instead (BPF_LINK_UPDATE). 0 or -errno.
 */
int xdp_attach(const char *port, int prog_fd, unsigned int flags, bool replace);
/* Detach port's pinned link (BPF_LINK_DETACH) and remove its pin. 0 or -errno. */
int xdp_detach(const char *port);

#endif

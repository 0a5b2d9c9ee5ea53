// SPDX-License-Identifier: GPL-2.0
/*
 * PID 1 of the Linux guest (scripts/linux-guest.sh builds the initramfs):
 * mounts proc, sysfs and bpffs, loads the virtio-net and bridge modules
 * found in /modules (in name order: the script numbers them in dependency
 * order), brings eth0 and eth1 up (promiscuous) and bridges them as br0,
 * prints "guest: userspace" and runs the mode the kernel command line names:
 *
 *   bench=syscall        getpid and bpf(MAP_LOOKUP_ELEM) round trips (syscall.c)
 *   bench=xdp:PROG       PROG (drop, tx, pass, firewall) attached natively to
 *                        the ports; prints "net: ready" and waits for frames
 *   bench=live           each PROG run by BPF_PROG_TEST_RUN with live frames on eth0
 *
 * then "guest: done" and powers the machine off (xdp: never returns).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "guest.h"

static const char *const ports[] = { "eth0", "eth1" };

/* Mount the file systems the benchmarks use; the console becomes stdio. */
static void mount_all(void)
{
	int fd;

	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mkdir("/dev", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("bpffs", "/sys/fs/bpf", "bpf", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
}

static int name_order(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* finit_module every .ko file of /modules in name order; a failure is reported and skipped. */
static void load_modules(void)
{
	struct dirent **ents;
	char path[512];
	int n = scandir("/modules", &ents, NULL, name_order);

	for (int i = 0; i < n; i++) {
		int fd;

		if (!strstr(ents[i]->d_name, ".ko"))
			continue;
		snprintf(path, sizeof(path), "/modules/%s", ents[i]->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || syscall(SYS_finit_module, fd, "", 0))
			perror(path);
		if (fd >= 0)
			close(fd);
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
}

/* IFF_UP and IFF_PROMISC on the port named name, waiting up to ~2 s for it to appear. 0 or -1. */
static int link_up(const char *name)
{
	struct ifreq ifr;
	int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ret = -1;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	for (int tries = 0; tries < 200 && ret; tries++) {
		ret = ioctl(sock, SIOCGIFFLAGS, &ifr);
		if (ret)
			usleep(10000);
	}
	if (!ret) {
		ifr.ifr_flags |= IFF_UP | IFF_PROMISC; /* frames for any MAC, as a bridge */
		ret = ioctl(sock, SIOCSIFFLAGS, &ifr);
	}
	if (ret)
		printf("guest: %s: cannot bring it up\n", name);
	close(sock);
	return ret;
}

/* The value of bench= on the kernel command line, into buf; NULL when absent. */
static const char *bench_mode(char *buf, size_t size)
{
	char line[4096];
	char *p, *end;
	FILE *f = fopen("/proc/cmdline", "r");

	if (!f || !fgets(line, sizeof(line), f)) {
		if (f)
			fclose(f);
		return NULL;
	}
	fclose(f);
	p = strstr(line, "bench=");
	if (!p)
		return NULL;
	p += strlen("bench=");
	end = p + strcspn(p, " \n");
	*end = '\0';
	snprintf(buf, size, "%s", p);
	return buf;
}

/*
 * The ports become one bridge, br0, as bpfkern's two ports are (XDP_PASS
 * on one goes out of the other): SIOCBRADDBR, SIOCBRADDIF, br0 up. A
 * failure (no bridge module) is reported; the XDP verdicts do not need it.
 */
static void bridge_ports(void)
{
	struct ifreq ifr;
	int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (ioctl(sock, SIOCBRADDBR, "br0")) {
		perror("guest: SIOCBRADDBR br0");
		close(sock);
		return;
	}
	for (unsigned int i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
		memset(&ifr, 0, sizeof(ifr));
		strcpy(ifr.ifr_name, "br0");
		ifr.ifr_ifindex = (int)if_nametoindex(ports[i]);
		if (ioctl(sock, SIOCBRADDIF, &ifr))
			perror("guest: SIOCBRADDIF");
	}
	close(sock);
	link_up("br0");
}

/*
 * bench=xdp:PROG: attach PROG to both ports (the firewall: to eth0, as
 * bpfkern's xdp=eth0:firewall.bpf.o:xdp_firewall) and wait for frames forever.
 */
static int run_xdp(const char *name)
{
	int prog = guest_prog_by_name(name);
	int fd = prog < 0 ? -1 : guest_prog_load(prog);
	unsigned int nr_ports = prog == PROG_FIREWALL ? 1 : sizeof(ports) / sizeof(ports[0]);

	if (fd < 0)
		return 1;
	for (unsigned int i = 0; i < nr_ports; i++)
		if (xdp_attach((int)if_nametoindex(ports[i]), fd))
			return 1;
	printf("net: ready\n");
	for (;;)
		pause();
}

static int run(const char *mode)
{
	if (!mode) {
		printf("guest: no bench= on the command line\n");
		return 1;
	}
	if (!strcmp(mode, "syscall"))
		return bench_syscall();
	if (!strncmp(mode, "xdp:", 4))
		return run_xdp(mode + 4);
	if (!strcmp(mode, "live")) {
		int status = 0;

		for (int prog = 0; prog < NR_GUEST_PROGS; prog++)
			status |= bench_live(prog, (int)if_nametoindex("eth0"));
		return status;
	}
	printf("guest: unknown mode bench=%s\n", mode);
	return 1;
}

int main(void)
{
	char buf[256];
	int status;

	mount_all();
	printf("guest: userspace\n");
	load_modules();
	for (unsigned int i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		link_up(ports[i]);
	bridge_ports();
	status = run(bench_mode(buf, sizeof(buf)));
	printf("guest: done, status %d\n", status);
	sync();
	reboot(RB_POWER_OFF);
	return status;
}

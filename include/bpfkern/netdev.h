/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network devices by ifindex (Linux: dev_get_by_index and the netdev
 * notifier), the minimum the devmaps need: drivers (and, until the NIC
 * issue lands, tests) register their struct net_device (<bpfkern/xdp.h>)
 * with a unique non-zero ifindex; bpf_redirect_map's targets are looked up
 * here. kernel/net/dev.c; single CPU, no locking yet.
 */
#ifndef BPFKERN_NETDEV_H
#define BPFKERN_NETDEV_H

#include <bpfkern/xdp.h>

/* Most devices registered at once. */
#define NETDEV_MAX 64

/* 0, -EINVAL (ifindex 0), -EEXIST (ifindex taken) or -ENOSPC (table full). */
int register_netdev(struct net_device *dev);
/* Forgets dev and removes it from every devmap that holds it. */
void unregister_netdev(struct net_device *dev);
/* The registered device with this ifindex, or NULL. */
struct net_device *dev_get_by_index(u32 ifindex);

/* kernel/bpf/devmap.c: drop dev from every DEVMAP / DEVMAP_HASH (unregister calls it). */
void dev_map_unregister_netdev(struct net_device *dev);

#endif

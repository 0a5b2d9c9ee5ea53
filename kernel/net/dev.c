// SPDX-License-Identifier: GPL-2.0
/*
 * The table of network devices by ifindex (include/bpfkern/netdev.h): a
 * small array scanned linearly, enough for an appliance's handful of ports.
 */
#include <bpfkern/netdev.h>

static struct net_device *netdevs[NETDEV_MAX];

int register_netdev(struct net_device *dev)
{
	struct net_device **free_slot = NULL;
	unsigned int i;

	if (!dev->ifindex)
		return -EINVAL;
	for (i = 0; i < NETDEV_MAX; i++) {
		if (netdevs[i] && netdevs[i]->ifindex == dev->ifindex)
			return -EEXIST;
		if (!netdevs[i] && !free_slot)
			free_slot = &netdevs[i];
	}
	if (!free_slot)
		return -ENOSPC;
	*free_slot = dev;
	return 0;
}

void unregister_netdev(struct net_device *dev)
{
	unsigned int i;

	for (i = 0; i < NETDEV_MAX; i++)
		if (netdevs[i] == dev)
			netdevs[i] = NULL;
	dev_map_unregister_netdev(dev);
}

struct net_device *dev_get_by_index(u32 ifindex)
{
	unsigned int i;

	for (i = 0; ifindex && i < NETDEV_MAX; i++)
		if (netdevs[i] && netdevs[i]->ifindex == ifindex)
			return netdevs[i];
	return NULL;
}

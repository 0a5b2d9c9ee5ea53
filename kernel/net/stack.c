// SPDX-License-Identifier: GPL-2.0
/*
 * The appliance's local stack: just enough IPv4 for a management address
 * to answer ARP and ping. It sees the frames an XDP program passes
 * (XDP_PASS) before the bridge does: an ARP request for the address gets
 * a reply, an ICMP echo request to it an echo reply (both sent back out
 * of the port they came in on, rewritten in place in their own page), any
 * other frame for the address is consumed; frames for anyone else go on to
 * the bridge peer (a single-port appliance drops them).
 *
 * The address comes from mgmt=A.B.C.D/N on the kernel command line; a
 * single-port appliance without one takes 10.0.0.2/24. There is no
 * routing: a reply goes to the MAC address the request came from.
 */
#include <stdlib.h>
#include <string.h>
#include <bpfkern/cmdline.h>
#include <bpfkern/kernel.h>
#include <bpfkern/net.h>

#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806
#define ARPHRD_ETHER 1
#define ARPOP_REQUEST 1
#define ARPOP_REPLY 2
#define IPPROTO_ICMP 1
#define ICMP_ECHOREPLY 0
#define ICMP_ECHO 8
#define ARP_LEN 28 /* Ethernet/IPv4 ARP payload */
#define IP_TTL_DEFAULT 64
#define MGMT_DEFAULT "10.0.0.2/24"

static u8 mgmt_addr[4];
static unsigned int mgmt_prefixlen;
static bool stack_up;

static u16 get_be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static void put_be16(u8 *p, u16 v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

/* The Internet checksum (RFC 1071) of len bytes at p, ready to store big-endian. */
static u16 ip_checksum(const u8 *p, u32 len)
{
	u32 sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += get_be16(p);
	if (len)
		sum += (u32)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

/* "A.B.C.D/N" into addr and *prefixlen. 0 or -EINVAL. */
static int parse_ipv4_prefix(const char *s, u8 addr[4], unsigned int *prefixlen)
{
	char *end;

	for (int i = 0; i < 4; i++) {
		unsigned long v = strtoul(s, &end, 10);

		if (end == s || v > 255 || *end != (i < 3 ? '.' : '/'))
			return -EINVAL;
		addr[i] = (u8)v;
		s = end + 1;
	}
	*prefixlen = (unsigned int)strtoul(s, &end, 10);
	return end == s || *end || *prefixlen > 32 ? -EINVAL : 0;
}

void net_stack_init(void)
{
	char arg[32];

	if (cmdline_get("mgmt", arg, sizeof(arg)) < 0) {
		if (net_nr_ports() != 1)
			return; /* a bridge without mgmt=: no local address */
		strcpy(arg, MGMT_DEFAULT);
	}
	if (parse_ipv4_prefix(arg, mgmt_addr, &mgmt_prefixlen)) {
		printk("net: mgmt=%s: expected mgmt=A.B.C.D/N\n", arg);
		return;
	}
	stack_up = true;
	printk("net: local stack at %u.%u.%u.%u/%u (ARP, ICMP echo)\n", mgmt_addr[0], mgmt_addr[1],
	       mgmt_addr[2], mgmt_addr[3], mgmt_prefixlen);
}

/* Turn the frame around: back to its sender, from port's MAC address. */
static void eth_reply(struct net_port *port, u8 *eth)
{
	memcpy(eth, eth + ETH_ALEN, ETH_ALEN);
	memcpy(eth + ETH_ALEN, port->mac, ETH_ALEN);
}

/* An ARP packet at arp (len bytes). Requests for our address are answered in place. */
static enum net_stack_verdict arp_rx(struct net_port *port, u8 *eth, u8 *arp, u32 len)
{
	if (len < ARP_LEN || get_be16(arp) != ARPHRD_ETHER || get_be16(arp + 2) != ETH_P_IP ||
	    arp[4] != ETH_ALEN || arp[5] != 4 || memcmp(arp + 24, mgmt_addr, 4))
		return NET_STACK_NOT_LOCAL;
	if (get_be16(arp + 6) != ARPOP_REQUEST)
		return NET_STACK_CONSUMED;
	put_be16(arp + 6, ARPOP_REPLY);
	memcpy(arp + 18, arp + 8, ETH_ALEN + 4); /* target := the asking sender */
	memcpy(arp + 8, port->mac, ETH_ALEN);
	memcpy(arp + 14, mgmt_addr, 4);
	eth_reply(port, eth);
	return NET_STACK_REPLY;
}

/* An IPv4 packet at ip (len bytes). Echo requests to our address are answered in place. */
static enum net_stack_verdict ipv4_rx(struct net_port *port, u8 *eth, u8 *ip, u32 len)
{
	u32 ihl, tot_len;
	u8 *icmp;

	if (len < 20 || ip[0] >> 4 != 4 || memcmp(ip + 16, mgmt_addr, 4))
		return NET_STACK_NOT_LOCAL;
	ihl = (ip[0] & 0xf) * 4u;
	tot_len = get_be16(ip + 2);
	if (ihl < 20 || tot_len < ihl + 8 || tot_len > len || ip_checksum(ip, ihl))
		return NET_STACK_CONSUMED; /* malformed, or a bad header checksum */
	icmp = ip + ihl;
	if (ip[9] != IPPROTO_ICMP || icmp[0] != ICMP_ECHO || icmp[1] != 0 ||
	    ip_checksum(icmp, tot_len - ihl) || (get_be16(ip + 6) & 0x3fff))
		return NET_STACK_CONSUMED; /* not a whole, valid echo request */
	icmp[0] = ICMP_ECHOREPLY;
	put_be16(icmp + 2, 0);
	put_be16(icmp + 2, ip_checksum(icmp, tot_len - ihl));
	memcpy(ip + 16, ip + 12, 4);
	memcpy(ip + 12, mgmt_addr, 4);
	ip[8] = IP_TTL_DEFAULT;
	put_be16(ip + 10, 0);
	put_be16(ip + 10, ip_checksum(ip, ihl));
	eth_reply(port, eth);
	return NET_STACK_REPLY;
}

enum net_stack_verdict net_stack_rx(struct net_port *port, struct xdp_buff *xdp)
{
	u8 *eth = xdp->data;
	u32 len = (u32)((u8 *)xdp->data_end - eth);

	if (!stack_up || len < ETH_HLEN)
		return NET_STACK_NOT_LOCAL;
	switch (get_be16(eth + 12)) {
	case ETH_P_ARP:
		return arp_rx(port, eth, eth + ETH_HLEN, len - ETH_HLEN);
	case ETH_P_IP:
		return ipv4_rx(port, eth, eth + ETH_HLEN, len - ETH_HLEN);
	default:
		return NET_STACK_NOT_LOCAL;
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * PCI enumeration and configuration space (include/bpfkern/pci.h).
 *
 * Configuration mechanism #1: write bus/slot/func/offset with bit 31 set to
 * port 0xcf8, then access the dword at 0xcfc (a narrower access at
 * 0xcfc + (offset & 3)). The scan starts at bus 0 and follows every
 * PCI-to-PCI bridge to its secondary bus, so QEMU's pc and q35 machines
 * are both covered without probing all 256 buses.
 */
#include <bpfkern/kernel.h>
#include <bpfkern/paging.h>
#include <bpfkern/pci.h>
#include "arch/x86_64/x86.h"

#define PCI_CONFIG_ADDRESS 0xcf8
#define PCI_CONFIG_DATA 0xcfc
#define PCI_CLASS_BRIDGE 0x06
#define PCI_SUBCLASS_BRIDGE_PCI 0x04
#define PCI_BAR_IO 0x1
#define PCI_BAR_MEM_TYPE_64 0x4
#define PCI_CAP_LIST_MAX 48 /* a longer list is a loop */

static struct pci_dev pci_devices[PCI_MAX_DEVICES];
static unsigned int nr_pci_devices;
static unsigned int nr_pci_seen;
static bool pci_scanned;

static void pci_select(u8 bus, u8 slot, u8 func, u16 off)
{
	outl(PCI_CONFIG_ADDRESS,
	     BIT(31) | (u32)bus << 16 | (u32)slot << 11 | (u32)func << 8 | (off & 0xfc));
}

static u32 pci_conf_read(u8 bus, u8 slot, u8 func, u16 off)
{
	pci_select(bus, slot, func, off);
	return inl(PCI_CONFIG_DATA);
}

u32 pci_read_config_dword(const struct pci_dev *dev, u16 off)
{
	return pci_conf_read(dev->bus, dev->slot, dev->func, off);
}

u16 pci_read_config_word(const struct pci_dev *dev, u16 off)
{
	pci_select(dev->bus, dev->slot, dev->func, off);
	return inw(PCI_CONFIG_DATA + (off & 2));
}

u8 pci_read_config_byte(const struct pci_dev *dev, u16 off)
{
	pci_select(dev->bus, dev->slot, dev->func, off);
	return inb(PCI_CONFIG_DATA + (off & 3));
}

void pci_write_config_dword(const struct pci_dev *dev, u16 off, u32 v)
{
	pci_select(dev->bus, dev->slot, dev->func, off);
	outl(PCI_CONFIG_DATA, v);
}

void pci_write_config_word(const struct pci_dev *dev, u16 off, u16 v)
{
	pci_select(dev->bus, dev->slot, dev->func, off);
	outw(PCI_CONFIG_DATA + (off & 2), v);
}

void pci_write_config_byte(const struct pci_dev *dev, u16 off, u8 v)
{
	pci_select(dev->bus, dev->slot, dev->func, off);
	outb(PCI_CONFIG_DATA + (off & 3), v);
}

/*
 * Decode and size BAR i (writing all ones and reading back which bits
 * stick), with decoding off meanwhile. Returns how many slots it used:
 * 2 for a 64-bit memory BAR, else 1.
 */
static unsigned int pci_read_bar(struct pci_dev *dev, unsigned int i)
{
	u16 off = PCI_BASE_ADDRESS_0 + 4 * i;
	u32 lo = pci_read_config_dword(dev, off), hi = 0, size_lo, size_hi = 0xffffffff;
	struct pci_bar *bar = &dev->bar[i];
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);
	u64 mask;

	bar->io = lo & PCI_BAR_IO;
	bar->mem64 = !bar->io && (lo & 0x6) == PCI_BAR_MEM_TYPE_64 && i + 1 < PCI_NUM_BARS;
	pci_write_config_word(dev, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	pci_write_config_dword(dev, off, 0xffffffff);
	size_lo = pci_read_config_dword(dev, off);
	pci_write_config_dword(dev, off, lo);
	if (bar->mem64) {
		hi = pci_read_config_dword(dev, off + 4);
		pci_write_config_dword(dev, off + 4, 0xffffffff);
		size_hi = pci_read_config_dword(dev, off + 4);
		pci_write_config_dword(dev, off + 4, hi);
	}
	pci_write_config_word(dev, PCI_COMMAND, cmd);

	mask = (u64)size_hi << 32 | (size_lo & (bar->io ? ~0x3u : ~0xfu));
	if (bar->io)
		mask |= 0xffffffff00000000ULL | (mask ? 0xffff0000 : 0);
	bar->size = mask ? ~mask + 1 : 0;
	bar->start = bar->size ? ((u64)hi << 32 | (lo & (bar->io ? ~0x3u : ~0xfu))) : 0;
	return bar->mem64 ? 2 : 1;
}

static void pci_scan_bus(u8 bus, unsigned int depth);

/* Record one function; recurse behind a PCI-to-PCI bridge. */
static void pci_scan_func(u8 bus, u8 slot, u8 func, unsigned int depth)
{
	u32 id = pci_conf_read(bus, slot, func, PCI_VENDOR_ID);
	u32 class = pci_conf_read(bus, slot, func, PCI_CLASS_REVISION);
	struct pci_dev *dev;
	unsigned int i;

	nr_pci_seen++;
	if (class >> 24 == PCI_CLASS_BRIDGE && (class >> 16 & 0xff) == PCI_SUBCLASS_BRIDGE_PCI) {
		u8 secondary = pci_conf_read(bus, slot, func, 0x18) >> 8 & 0xff;

		if (secondary > bus && depth < 8)
			pci_scan_bus(secondary, depth + 1);
		return;
	}
	if (nr_pci_devices == PCI_MAX_DEVICES) {
		printk("pci: %02x:%02x.%d ignored: table full\n", bus, slot, func);
		return;
	}
	dev = &pci_devices[nr_pci_devices++];
	*dev = (struct pci_dev){ .bus = bus, .slot = slot, .func = func };
	dev->vendor = id & 0xffff;
	dev->device = id >> 16;
	dev->class = class >> 24;
	dev->subclass = class >> 16 & 0xff;
	dev->prog_if = class >> 8 & 0xff;
	dev->revision = class & 0xff;
	if ((pci_read_config_byte(dev, PCI_HEADER_TYPE) & 0x7f) != 0)
		return; /* not a type 0 header: no BARs to read */
	dev->irq_line = pci_read_config_byte(dev, PCI_INTERRUPT_LINE);
	dev->irq_pin = pci_read_config_byte(dev, PCI_INTERRUPT_PIN);
	dev->msix = pci_find_capability(dev, PCI_CAP_ID_MSIX) != 0;
	for (i = 0; i < PCI_NUM_BARS;)
		i += pci_read_bar(dev, i);
}

static void pci_scan_bus(u8 bus, unsigned int depth)
{
	for (u8 slot = 0; slot < 32; slot++) {
		unsigned int nfunc = 1;

		if ((pci_conf_read(bus, slot, 0, PCI_VENDOR_ID) & 0xffff) == 0xffff)
			continue;
		if (pci_conf_read(bus, slot, 0, PCI_HEADER_TYPE & ~3) >> 16 & 0x80)
			nfunc = 8; /* multi-function device */
		for (u8 func = 0; func < nfunc; func++)
			if ((pci_conf_read(bus, slot, func, PCI_VENDOR_ID) & 0xffff) != 0xffff)
				pci_scan_func(bus, slot, func, depth);
	}
}

unsigned int pci_init(void)
{
	if (!pci_scanned) {
		pci_scanned = true;
		pci_scan_bus(0, 0);
	}
	return nr_pci_seen;
}

struct pci_dev *pci_dev_at(unsigned int i)
{
	return i < nr_pci_devices ? &pci_devices[i] : NULL;
}

struct pci_dev *pci_get_device(u16 vendor, u16 device, struct pci_dev *from)
{
	unsigned int i = from ? (unsigned int)(from - pci_devices) + 1 : 0;

	for (; i < nr_pci_devices; i++)
		if ((vendor == 0xffff || pci_devices[i].vendor == vendor) &&
		    (device == 0xffff || pci_devices[i].device == device))
			return &pci_devices[i];
	return NULL;
}

u8 pci_find_next_capability(const struct pci_dev *dev, u8 pos, u8 cap_id)
{
	for (unsigned int n = 0; n < PCI_CAP_LIST_MAX; n++) {
		pos = pci_read_config_byte(dev, pos + 1) & ~3;
		if (pos < 0x40)
			return 0;
		if (pci_read_config_byte(dev, pos) == cap_id)
			return pos;
	}
	return 0;
}

u8 pci_find_capability(const struct pci_dev *dev, u8 cap_id)
{
	if (!(pci_read_config_word(dev, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	/* The list head sits at 0x34, which looks like a capability at 0x33. */
	return pci_find_next_capability(dev, PCI_CAPABILITY_LIST - 1, cap_id);
}

void pci_set_master(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);

	pci_write_config_word(dev, PCI_COMMAND,
			      cmd | PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
}

/* MSI-X capability registers and table entries (PCI Local Bus 3.0, 6.8.2). */
#define PCI_MSIX_FLAGS 2
#define PCI_MSIX_FLAGS_QSIZE 0x07ff
#define PCI_MSIX_FLAGS_MASKALL BIT(14)
#define PCI_MSIX_FLAGS_ENABLE BIT(15)
#define PCI_MSIX_TABLE 4
#define PCI_MSIX_TABLE_BIR 0x7
#define PCI_MSIX_ENTRY_SIZE 16
#define PCI_MSIX_ENTRY_LOWER_ADDR 0
#define PCI_MSIX_ENTRY_UPPER_ADDR 4
#define PCI_MSIX_ENTRY_DATA 8
#define PCI_MSIX_ENTRY_VECTOR_CTRL 12
#define PCI_MSIX_ENTRY_CTRL_MASKBIT BIT(0)

int pci_msix_enable(struct pci_dev *dev, u64 msg_addr, u32 msg_data)
{
	u8 pos = pci_find_capability(dev, PCI_CAP_ID_MSIX);
	volatile u32 *entry;
	u32 table;
	u16 flags;

	if (!pos)
		return -ENODEV;
	flags = pci_read_config_word(dev, pos + PCI_MSIX_FLAGS);
	table = pci_read_config_dword(dev, pos + PCI_MSIX_TABLE);
	/* Entry 0 only: every source of the function is to use it. */
	entry = pci_iomap_range(dev, table & PCI_MSIX_TABLE_BIR, table & ~PCI_MSIX_TABLE_BIR,
				PCI_MSIX_ENTRY_SIZE);
	if (!entry)
		return -ENOMEM;
	/* Masked while it is written, as the function is while the table is set up. */
	pci_write_config_word(dev, pos + PCI_MSIX_FLAGS, flags | PCI_MSIX_FLAGS_MASKALL);
	entry[PCI_MSIX_ENTRY_VECTOR_CTRL / 4] = PCI_MSIX_ENTRY_CTRL_MASKBIT;
	entry[PCI_MSIX_ENTRY_LOWER_ADDR / 4] = (u32)msg_addr;
	entry[PCI_MSIX_ENTRY_UPPER_ADDR / 4] = (u32)(msg_addr >> 32);
	entry[PCI_MSIX_ENTRY_DATA / 4] = msg_data;
	entry[PCI_MSIX_ENTRY_VECTOR_CTRL / 4] = 0;
	flags = (flags | PCI_MSIX_FLAGS_ENABLE) & ~PCI_MSIX_FLAGS_MASKALL;
	pci_write_config_word(dev, pos + PCI_MSIX_FLAGS, flags);
	dev->msix_enabled = true;
	return 0;
}

void *pci_iomap_range(struct pci_dev *dev, unsigned int bar, u64 offset, u64 len)
{
	const struct pci_bar *b;

	if (bar >= PCI_NUM_BARS)
		return NULL;
	b = &dev->bar[bar];
	if (!b->start || b->io || offset > b->size || len > b->size - offset)
		return NULL;
	return ioremap(b->start + offset, len);
}

void pci_print_devices(void)
{
	for (unsigned int i = 0; i < nr_pci_devices; i++) {
		const struct pci_dev *d = &pci_devices[i];

		printk("pci %02x:%02x.%d %04x:%04x class %02x%02x irq %d%s\n", d->bus, d->slot,
		       d->func, d->vendor, d->device, d->class, d->subclass,
		       d->irq_pin ? d->irq_line : -1, d->msix ? " msix" : "");
	}
}

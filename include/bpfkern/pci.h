/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PCI (drivers/pci.c): configuration space through the legacy I/O ports
 * 0xcf8/0xcfc, one enumeration at boot (every bus reachable through
 * PCI-to-PCI bridges from bus 0), BARs decoded and sized, capability lists
 * walked. Names follow Linux's include/linux/pci.h where the job is the same.
 */
#ifndef BPFKERN_PCI_H
#define BPFKERN_PCI_H

#include <bpfkern/types.h>

/* Configuration-space offsets of the type 0 header. */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_STATUS 0x06
#define PCI_CLASS_REVISION 0x08
#define PCI_HEADER_TYPE 0x0e
#define PCI_BASE_ADDRESS_0 0x10
#define PCI_SECONDARY_BUS 0x19 /* type 1 (bridge) header */
#define PCI_CAPABILITY_LIST 0x34
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN 0x3d

#define PCI_COMMAND_IO 0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4
#define PCI_COMMAND_INTX_DISABLE 0x400
#define PCI_STATUS_CAP_LIST 0x10

#define PCI_CAP_ID_MSIX 0x11
#define PCI_CAP_ID_VNDR 0x09

#define PCI_VENDOR_ID_REDHAT_QUMRANET 0x1af4
#define PCI_NUM_BARS 6
/* Most functions the enumeration records. */
#define PCI_MAX_DEVICES 64

struct pci_bar {
	phys_addr_t start; /* bus address (memory) or port (I/O); 0: unused */
	u64 size;
	bool io;
	bool mem64; /* a 64-bit memory BAR: it used the next slot too */
};

/* One PCI function found by pci_init. */
struct pci_dev {
	u8 bus, slot, func;
	u16 vendor, device;
	u8 class, subclass, prog_if, revision;
	u8 irq_line; /* the PIC line firmware routed INTx to (0xff: none) */
	u8 irq_pin; /* 1..4 = INTA..INTD, 0: no INTx */
	bool msix; /* has an MSI-X capability */
	bool msix_enabled; /* pci_msix_enable did: INTx is off */
	struct pci_bar bar[PCI_NUM_BARS];
};

/*
 * Enumerate every function once (later calls return at once). Returns the
 * number of functions recorded; more than PCI_MAX_DEVICES are counted but
 * ignored with a printk.
 */
unsigned int pci_init(void);
/* The i-th function recorded (0 ..), or NULL past the end. */
struct pci_dev *pci_dev_at(unsigned int i);
/* The next function after from (NULL: the first) with vendor and device (0xffff: any). */
struct pci_dev *pci_get_device(u16 vendor, u16 device, struct pci_dev *from);

/*
 * Turn MSI-X on with table entry 0 writing msg_data to msg_addr
 * (arch_msi_alloc); the function stops using INTx. 0, -ENODEV without the
 * capability, -ENOMEM when the table cannot be mapped.
 */
int pci_msix_enable(struct pci_dev *dev, u64 msg_addr, u32 msg_data);

/* Configuration-space accessors; off must be naturally aligned for its width. */
u8 pci_read_config_byte(const struct pci_dev *dev, u16 off);
u16 pci_read_config_word(const struct pci_dev *dev, u16 off);
u32 pci_read_config_dword(const struct pci_dev *dev, u16 off);
void pci_write_config_byte(const struct pci_dev *dev, u16 off, u8 v);
void pci_write_config_word(const struct pci_dev *dev, u16 off, u16 v);
void pci_write_config_dword(const struct pci_dev *dev, u16 off, u32 v);

/*
 * Offset of the first capability with this id at or after the one at
 * offset pos (pci_find_next_capability: strictly after pos), 0 if none.
 * A looping or out-of-range list ends the walk.
 */
u8 pci_find_capability(const struct pci_dev *dev, u8 cap_id);
u8 pci_find_next_capability(const struct pci_dev *dev, u8 pos, u8 cap_id);

/* Turn on memory and I/O decoding and bus mastering (DMA). */
void pci_set_master(struct pci_dev *dev);
/* Map [offset, offset + len) of memory BAR bar uncached; NULL if it is no memory BAR or too small. */
void *pci_iomap_range(struct pci_dev *dev, unsigned int bar, u64 offset, u64 len);

/* printk one line per function (the lspci of the console). */
void pci_print_devices(void);

#endif

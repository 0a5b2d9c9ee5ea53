// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest tests of drivers/pci.c (test=pci): QEMU's pc and q35 machines
 * both put an Intel host bridge at 00:00.0.
 */
#include <bpfkern/ktest.h>
#include <bpfkern/pci.h>

KTEST(pci, enumerate)
{
	struct pci_dev *host;

	KTEST_ASSERT(pci_init() > 0);
	KTEST_EXPECT(pci_init() == pci_init()); /* one scan only */
	host = pci_dev_at(0);
	KTEST_ASSERT(host);
	KTEST_EXPECT(host->bus == 0 && host->slot == 0 && host->func == 0);
	KTEST_EXPECT(host->vendor == 0x8086);
	KTEST_EXPECT(host->class == 0x06 && host->subclass == 0x00);
	KTEST_EXPECT(pci_get_device(0x8086, 0xffff, NULL) == host);
	KTEST_EXPECT(pci_get_device(0xffff, 0xffff, host) == pci_dev_at(1));
}

KTEST(pci, config_space)
{
	struct pci_dev *dev;

	KTEST_ASSERT(pci_init() > 0);
	for (unsigned int i = 0; (dev = pci_dev_at(i)); i++) {
		u32 id = pci_read_config_dword(dev, PCI_VENDOR_ID);

		KTEST_EXPECT((id & 0xffff) == dev->vendor && id >> 16 == dev->device);
		KTEST_EXPECT(pci_read_config_word(dev, PCI_DEVICE_ID) == dev->device);
		KTEST_EXPECT(pci_read_config_byte(dev, PCI_VENDOR_ID + 1) == dev->vendor >> 8);
		/* A capability walk ends, and what it finds has the id asked for. */
		for (u8 pos = pci_find_capability(dev, PCI_CAP_ID_VNDR); pos;
		     pos = pci_find_next_capability(dev, pos, PCI_CAP_ID_VNDR))
			KTEST_EXPECT(pci_read_config_byte(dev, pos) == PCI_CAP_ID_VNDR);
		for (unsigned int b = 0; b < PCI_NUM_BARS; b++)
			if (dev->bar[b].size)
				KTEST_EXPECT((dev->bar[b].size & (dev->bar[b].size - 1)) == 0);
	}
	KTEST_EXPECT(pci_get_device(0xfffe, 0xfffe, NULL) == NULL);
}

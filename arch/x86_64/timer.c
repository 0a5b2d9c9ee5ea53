// SPDX-License-Identifier: GPL-2.0
/*
 * Time. The PIT (8254) gives the periodic tick on IRQ 0 (jiffies, HZ per
 * second) and, through channel 2, a known interval to calibrate the TSC
 * against. ktime_get_ns() is then the TSC since kernel entry, scaled to ns.
 */
#include <bpfkern/arch.h>
#include <bpfkern/kernel.h>
#include "arch/x86_64/x86.h"

#define PIT_HZ 1193182
#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_GATE 0x61 /* bit 0: channel 2 gate, bit 1: speaker, bit 5: ch2 output */
#define CALIBRATE_MS 10

volatile u64 jiffies;
u64 boot_tsc;
static u64 tsc_hz;
static u64 ns_per_tsc_q32; /* ns per TSC cycle, 32.32 fixed point */

static void timer_tick(unsigned int irq, void *data)
{
	jiffies++;
}

/*
 * Count TSC cycles over CALIBRATE_MS measured by PIT channel 2 in one-shot
 * mode (its output goes high at terminal count). Returns cycles per second.
 */
static u64 tsc_calibrate_pit(void)
{
	u32 count = PIT_HZ * CALIBRATE_MS / 1000;
	u64 start, end;
	u8 gate = (inb(PIT_GATE) & ~0x02) | 0x01;
	unsigned long spins = 0;

	outb(PIT_GATE, gate & ~0x01);
	outb(PIT_CMD, 0xb0); /* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	start = rdtsc();
	outb(PIT_GATE, gate); /* start counting */
	while (!(inb(PIT_GATE) & 0x20) && ++spins < 100000000)
		;
	end = rdtsc();
	return (end - start) * 1000 / CALIBRATE_MS;
}

/* Calibrate the TSC, start the tick. Interrupts are enabled by the caller. */
void timer_init(void)
{
	u16 divisor = (PIT_HZ + HZ / 2) / HZ;

	tsc_hz = tsc_calibrate_pit();
	if (tsc_hz < 1000000) { /* nonsense: assume 1 GHz rather than divide by ~0 */
		printk("timer: TSC calibration failed (%lu Hz), assuming 1 GHz\n",
		       (unsigned long)tsc_hz);
		tsc_hz = 1000000000;
	}
	ns_per_tsc_q32 = ((u64)1000000000 << 32) / tsc_hz;

	outb(PIT_CMD, 0x34); /* channel 0, lobyte/hibyte, mode 2 (rate generator) */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
	irq_register(0, timer_tick, NULL);
}

u64 tsc_khz(void)
{
	return tsc_hz / 1000;
}

/* Monotonic ns since kernel entry; 0 until timer_init has calibrated the TSC. */
u64 ktime_get_ns(void)
{
	u64 delta = rdtsc() - boot_tsc;

	return (u64)(((unsigned __int128)delta * ns_per_tsc_q32) >> 32);
}

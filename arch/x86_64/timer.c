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
#define CALIBRATE_MS 5
#define CALIBRATE_TRIES 5

volatile u64 jiffies;
u64 boot_tsc;
static u64 tsc_hz;
static u64 ns_per_tsc_q32; /* ns per TSC cycle, 32.32 fixed point */

static void (*tick_hooks[TIMER_TICK_HOOKS])(void);
static unsigned int nr_tick_hooks;

static void timer_tick(unsigned int irq, void *data)
{
	jiffies++;
	for (unsigned int i = 0; i < nr_tick_hooks; i++)
		tick_hooks[i]();
}

int timer_tick_hook_add(void (*fn)(void))
{
	if (nr_tick_hooks == TIMER_TICK_HOOKS)
		return -ENOSPC;
	tick_hooks[nr_tick_hooks] = fn;
	WRITE_ONCE(nr_tick_hooks, nr_tick_hooks + 1);
	return 0;
}

/* Latch and read PIT channel 2's counter, bracketed by two TSC reads. */
static u16 pit_ch2_read(u64 *tsc_mid, u64 *tsc_spread)
{
	u64 t0 = rdtsc(), t1;
	u16 v;

	outb(PIT_CMD, 0x80); /* latch channel 2 */
	v = inb(PIT_CH2);
	v |= (u16)inb(PIT_CH2) << 8;
	t1 = rdtsc();
	*tsc_mid = t0 + (t1 - t0) / 2;
	*tsc_spread = t1 - t0;
	return v;
}

/*
 * One calibration try: TSC cycles per second, from the TSC and PIT channel 2
 * (mode 0, counting down from 0xffff) read together at both ends of a
 * CALIBRATE_MS wait. Only the short read windows must not be interrupted
 * (a host preempting QEMU's vCPU during the wait does not matter), so the
 * caller keeps the try with the tightest windows. 0 when the counter ran out.
 */
static u64 tsc_calibrate_try(u64 *spread)
{
	const u16 wait = PIT_HZ * CALIBRATE_MS / 1000;
	u8 gate = (inb(PIT_GATE) & ~0x02) | 0x01;
	u64 t_start, t_end, s0, s1;
	u16 c_start, c_end;

	outb(PIT_GATE, gate & ~0x01);
	outb(PIT_CMD, 0xb0); /* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CH2, 0xff);
	outb(PIT_CH2, 0xff);
	outb(PIT_GATE, gate);
	c_start = pit_ch2_read(&t_start, &s0);
	do
		c_end = pit_ch2_read(&t_end, &s1);
	while ((u16)(c_start - c_end) < wait && !(inb(PIT_GATE) & 0x20));
	*spread = s0 + s1;
	if (inb(PIT_GATE) & 0x20 || c_end > c_start)
		return 0;
	return (t_end - t_start) * PIT_HZ / (u64)(c_start - c_end);
}

/* The try with the tightest read windows out of CALIBRATE_TRIES. */
static u64 tsc_calibrate_pit(void)
{
	u64 best = 0, best_spread = ~0ULL;

	for (int i = 0; i < CALIBRATE_TRIES; i++) {
		u64 spread, hz = tsc_calibrate_try(&spread);

		if (hz && spread < best_spread) {
			best = hz;
			best_spread = spread;
		}
	}
	return best;
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

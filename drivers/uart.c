// SPDX-License-Identifier: GPL-2.0
/*
 * 16550 UART on COM1: the console. Output is polled so that it works with
 * interrupts off (panic, exception reports); input is interrupt-driven (IRQ 4)
 * into a single-producer/single-consumer ring buffer.
 */
#include <bpfkern/console.h>
#include <bpfkern/arch.h>
#include <bpfkern/kernel.h>
#include "arch/x86_64/x86.h"

#define COM1 0x3f8
#define UART_RBR 0 /* receive buffer (read) */
#define UART_THR 0 /* transmit holding (write) */
#define UART_IER 1 /* interrupt enable */
#define UART_FCR 2 /* FIFO control */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */
#define UART_DLL 0 /* divisor latch, with LCR.DLAB */
#define UART_DLM 1

#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define FCR_ENABLE_CLEAR 0x07
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 gates the IRQ line on PCs */
#define MCR_LOOP 0x10
#define IER_RX 0x01
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define UART_IRQ 4

#define RX_RING_SIZE 256 /* a power of two */

static char rx_ring[RX_RING_SIZE];
static volatile unsigned int rx_head; /* written by the IRQ handler */
static volatile unsigned int rx_tail; /* written by readers */
static unsigned long rx_dropped;

void uart_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, 1); /* 115200 / 1 */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE_CLEAR);
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
}

static void uart_putc(char c)
{
	unsigned int spins = 100000;

	/* Bounded wait: a missing UART must not hang the kernel. */
	while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY) && --spins)
		;
	outb(COM1 + UART_THR, (u8)c);
}

void console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}

/* IRQ 4: move every waiting byte into the ring; drop (and count) on overflow. */
static void uart_rx_irq(unsigned int irq, void *data)
{
	while (inb(COM1 + UART_LSR) & LSR_DATA_READY) {
		char c = (char)inb(COM1 + UART_RBR);
		unsigned int head = rx_head;

		if (head - rx_tail == RX_RING_SIZE) {
			rx_dropped++;
			continue;
		}
		rx_ring[head % RX_RING_SIZE] = c;
		barrier();
		rx_head = head + 1;
	}
}

void uart_enable_rx_irq(void)
{
	if (irq_register(UART_IRQ, uart_rx_irq, NULL) == 0)
		outb(COM1 + UART_IER, IER_RX);
}

int console_getc(void)
{
	unsigned int tail = rx_tail;
	char c;

	if (tail == rx_head)
		return -1;
	c = rx_ring[tail % RX_RING_SIZE];
	barrier();
	rx_tail = tail + 1;
	return (unsigned char)c;
}

unsigned long console_rx_dropped(void)
{
	return rx_dropped;
}

/* Block (sleeping between interrupts) until a byte arrives. */
static int console_getc_wait(void)
{
	int c;

	while ((c = console_getc()) < 0)
		arch_wait_for_interrupt();
	return c;
}

size_t console_readline(char *buf, size_t size)
{
	size_t len = 0;

	if (!size)
		return 0;
	for (;;) {
		int c = console_getc_wait();

		if (c == '\r' || c == '\n') {
			console_write("\n", 1);
			break;
		}
		if (c == 0x7f || c == '\b') {
			if (len) {
				len--;
				console_write("\b \b", 3);
			}
			continue;
		}
		if (c < 0x20 || len + 1 >= size)
			continue;
		buf[len++] = (char)c;
		console_write(buf + len - 1, 1);
	}
	buf[len] = '\0';
	return len;
}

void uart_set_loopback(bool on)
{
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2 | (on ? MCR_LOOP : 0));
}

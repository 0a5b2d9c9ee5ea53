/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The system console: the first 16550 UART (COM1). Output is polled (it must
 * work from panic and exception context); input arrives by interrupt into a
 * ring buffer that the reading functions drain.
 */
#ifndef BPFKERN_CONSOLE_H
#define BPFKERN_CONSOLE_H

#include <bpfkern/types.h>

/* Program COM1 (115200 8N1, FIFOs on) for polled output. Safe to call twice. */
void uart_init(void);
/* Route COM1's receive interrupt (IRQ 4) into the input ring buffer. */
void uart_enable_rx_irq(void);

/* Write n bytes to the console, "\n" becoming "\r\n". */
void console_write(const char *s, size_t n);
/* One received byte, or -1 when none is waiting. Never blocks. */
int console_getc(void);
/*
 * Read one line into buf (at most size-1 bytes, NUL-terminated, without the
 * newline), echoing it and handling backspace. Sleeps (hlt) while no input
 * is waiting; needs interrupts enabled. Returns the line's length.
 */
size_t console_readline(char *buf, size_t size);
/* Loop COM1's transmitter back into its receiver (tests): nothing reaches the wire. */
void uart_set_loopback(bool on);
/* Bytes dropped because the input ring buffer was full. */
unsigned long console_rx_dropped(void);

#endif

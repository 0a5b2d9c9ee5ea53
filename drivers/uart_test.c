// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest test of the console UART (suite "uart"): with the 16550 in
 * loopback mode, bytes written come back through the receive interrupt
 * into the input ring, in order.
 */
#include <bpfkern/ktest.h>
#include <bpfkern/arch.h>
#include <bpfkern/console.h>

KTEST(uart, loopback_rx_interrupt)
{
	static const char msg[] = "bpf!";
	char got[sizeof(msg)] = { 0 };
	unsigned int n = 0;
	u64 deadline = jiffies + HZ; /* ticks, not a timing assertion: a hang guard */

	while (console_getc() >= 0) /* drain stray input */
		;
	uart_set_loopback(true);
	console_write(msg, sizeof(msg) - 1);
	while (n < sizeof(msg) - 1 && jiffies < deadline) {
		int c = console_getc();

		if (c >= 0)
			got[n++] = (char)c;
		else
			arch_wait_for_interrupt();
	}
	uart_set_loopback(false);
	KTEST_EXPECT(n == sizeof(msg) - 1);
	for (unsigned int i = 0; i < n; i++)
		KTEST_EXPECT(got[i] == msg[i]);
	KTEST_EXPECT(console_getc() < 0);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel command line: kept as a copy (the loader's memory is reused),
 * looked up by key. Words are separated by spaces; a word is "key" or
 * "key=value"; when a key repeats, the last word wins (as in Linux).
 */
#include <string.h>
#include <bpfkern/cmdline.h>
#include <bpfkern/multiboot.h>
#include <bpfkern/kernel.h>

static char boot_command_line[COMMAND_LINE_SIZE];

bool strscpy_trunc(char *dst, const char *src, size_t size)
{
	size_t n = strnlen(src, size);
	size_t keep = min(n, size - 1);

	memcpy(dst, src, keep);
	dst[keep] = '\0';
	return n > keep;
}

void cmdline_init(const char *line)
{
	if (strscpy_trunc(boot_command_line, line, sizeof(boot_command_line)))
		printk("cmdline: truncated to %lu bytes\n",
		       (unsigned long)sizeof(boot_command_line) - 1);
}

const char *cmdline_get_all(void)
{
	return boot_command_line;
}

int cmdline_find(const char *line, const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);
	int found = -1;

	if (size)
		buf[0] = '\0';
	while (*line) {
		size_t wlen;

		while (*line == ' ')
			line++;
		wlen = strcspn(line, " ");
		if (wlen >= klen && !strncmp(line, key, klen) &&
		    (wlen == klen || line[klen] == '=')) {
			const char *val = line + klen + (wlen > klen);
			size_t vlen = wlen - (size_t)(val - line);

			found = (int)vlen;
			if (size) {
				size_t keep = min(vlen, size - 1);

				memcpy(buf, val, keep);
				buf[keep] = '\0';
			}
		}
		line += wlen;
	}
	return found;
}

int cmdline_get(const char *key, char *buf, size_t size)
{
	return cmdline_find(boot_command_line, key, buf, size);
}

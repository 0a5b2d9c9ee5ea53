/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel command line: space-separated words, each "key" or
 * "key=value" (e.g. "test=mm.buddy_split fault=pagefault"). The line is
 * copied in at boot; lookups never modify it.
 */
#ifndef BPFKERN_CMDLINE_H
#define BPFKERN_CMDLINE_H

#include <bpfkern/types.h>

/* Keep a copy of line (truncated to the buffer, always NUL-terminated). */
void cmdline_init(const char *line);
const char *cmdline_get_all(void);

/*
 * The value of the last "key=value" word in line into buf (truncated to
 * size-1 bytes, NUL-terminated). Returns the value's full length, or -1 when
 * key is absent; a bare "key" has the empty value.
 */
int cmdline_find(const char *line, const char *key, char *buf, size_t size);
/* cmdline_find on the boot command line. */
int cmdline_get(const char *key, char *buf, size_t size);

/* Copy src into dst (size bytes) NUL-terminated; true when it was cut. */
bool strscpy_trunc(char *dst, const char *src, size_t size);

#endif

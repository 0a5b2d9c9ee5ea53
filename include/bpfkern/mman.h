/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mappings of files into ring 3 (kernel/mmap.c): mmap(2) of a BPF map's fd
 * (BPF_F_MMAPABLE arrays, ring buffers) maps the map's own pages, shared
 * with the kernel. Each such mapping is a vm_area_struct on its task's list
 * and holds a reference to the file (so to the map) until munmap(2) or exit.
 * Anonymous memory is not on the list: its pages belong to the address space.
 */
#ifndef BPFKERN_MMAN_H
#define BPFKERN_MMAN_H

#include <bpfkern/kernel.h>

struct file;
struct bpf_map;
struct task_struct;

struct vm_area_struct {
	unsigned long vm_start, vm_end; /* user addresses, page-aligned, [start, end) */
	u64 vm_pgoff; /* page of the map's view at vm_start */
	struct file *vm_file; /* one reference */
	bool vm_write; /* writable: counted in the map's writecnt */
	struct vm_area_struct *vm_next;
};

/* The map a file is a handle on, or NULL when it is not a map's file. */
struct bpf_map *bpf_map_from_file(const struct file *file);

/*
 * Process exit: unmaps every file mapping of t (its pages stay the map's)
 * and drops the references. Before pgd_free, which frees what is mapped.
 */
void exit_mmap(struct task_struct *t);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Circular doubly linked lists with a head node, with Linux's names
 * (include/linux/list.h): a struct list_head is embedded in each element and
 * list_entry() gets back to the element. An empty list's head points at
 * itself. "First" is head->next (where list_add puts), "last" head->prev.
 */
#ifndef BPFKERN_LIST_H
#define BPFKERN_LIST_H

#include <bpfkern/compiler.h>
#include <bpfkern/types.h>

struct list_head {
	struct list_head *next, *prev;
};

static inline void INIT_LIST_HEAD(struct list_head *head)
{
	head->next = head;
	head->prev = head;
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

static inline void __list_link(struct list_head *node, struct list_head *prev,
			       struct list_head *next)
{
	next->prev = node;
	node->next = next;
	node->prev = prev;
	prev->next = node;
}

/* Insert node right after head (at the front). */
static inline void list_add(struct list_head *node, struct list_head *head)
{
	__list_link(node, head, head->next);
}

/* Insert node right before head (at the back). */
static inline void list_add_tail(struct list_head *node, struct list_head *head)
{
	__list_link(node, head->prev, head);
}

/* Unlink node; it points at itself afterwards (list_empty(node) is true). */
static inline void list_del_init(struct list_head *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	INIT_LIST_HEAD(node);
}

static inline void list_del(struct list_head *node)
{
	list_del_init(node);
}

/* Unlink node from its list and put it at the front of head. */
static inline void list_move(struct list_head *node, struct list_head *head)
{
	list_del(node);
	list_add(node, head);
}

static inline void list_move_tail(struct list_head *node, struct list_head *head)
{
	list_del(node);
	list_add_tail(node, head);
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_last_entry(head, type, member) list_entry((head)->prev, type, member)

#endif

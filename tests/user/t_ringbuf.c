// SPDX-License-Identifier: GPL-2.0
/*
 * Ring buffer maps from user space through libbpf's consumer
 * (lib/bpf/ringbuf.c): an XDP program run by BPF_PROG_TEST_RUN writes
 * 40-byte records (its sequence number in the first and last word), user
 * space reads them through the mmap'd ring and poll(2): order, discard,
 * overflow (reserve gives NULL when the ring is full), wrap-around (a record
 * that crosses the ring's end reads contiguously), and a poll that sleeps
 * until another process produces. The same file runs in ring 3 on bpfkern
 * and on a Linux host (tier 50-ringbuf-linux), output compared.
 */
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <unistd.h>
#include "tests/user/check.h"
#ifdef _NEWLIB_VERSION
#include "user/bpfkern_user.h"
#else
#include <sys/wait.h>
#endif

#define RING_SIZE 4096
#define REC_SIZE 40
#define PIN_PROG "/sys/fs/bpf/t_ringbuf_prog"

/* The control array's value: the next sequence number, discard (1) or submit, submit's flags. */
struct ctl {
	__u64 seq, mode, flags;
};

#define INSN(CODE, DST, SRC, OFF, IMM) ((struct bpf_insn){ CODE, DST, SRC, OFF, IMM })
#define LD_MAP_FD(DST, FD) \
	INSN(BPF_LD | BPF_DW | BPF_IMM, DST, BPF_PSEUDO_MAP_FD, 0, FD), INSN(0, 0, 0, 0, 0)
#define MOV_IMM(DST, IMM) INSN(BPF_ALU64 | BPF_MOV | BPF_K, DST, 0, 0, IMM)
#define MOV_REG(DST, SRC) INSN(BPF_ALU64 | BPF_MOV | BPF_X, DST, SRC, 0, 0)
#define LDX_DW(DST, SRC, OFF) INSN(BPF_LDX | BPF_MEM | BPF_DW, DST, SRC, OFF, 0)
#define STX_DW(DST, SRC, OFF) INSN(BPF_STX | BPF_MEM | BPF_DW, DST, SRC, OFF, 0)
#define CALL(FN) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, FN)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* The producer: one record per run; retval 0 submitted, 3 discarded, 2 no room, 1 no ctl. */
static int load_prog(int ctl_fd, int rb_fd)
{
	struct bpf_insn insns[] = {
		INSN(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 0),
		MOV_REG(BPF_REG_2, BPF_REG_10),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4),
		LD_MAP_FD(BPF_REG_1, ctl_fd),
		CALL(BPF_FUNC_map_lookup_elem),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 26, 0),
		MOV_REG(BPF_REG_7, BPF_REG_0),
		LD_MAP_FD(BPF_REG_1, rb_fd),
		MOV_IMM(BPF_REG_2, REC_SIZE),
		MOV_IMM(BPF_REG_3, 0),
		CALL(BPF_FUNC_ringbuf_reserve),
		INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_0, 0, 2, 0),
		MOV_IMM(BPF_REG_0, 2),
		EXIT(),
		MOV_REG(BPF_REG_8, BPF_REG_0),
		LDX_DW(BPF_REG_1, BPF_REG_7, 0),
		STX_DW(BPF_REG_8, BPF_REG_1, 0),
		STX_DW(BPF_REG_8, BPF_REG_1, REC_SIZE - 8),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_1, 0, 0, 1),
		STX_DW(BPF_REG_7, BPF_REG_1, 0),
		LDX_DW(BPF_REG_2, BPF_REG_7, 8),
		MOV_REG(BPF_REG_1, BPF_REG_8),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_2, 0, 4, 1),
		LDX_DW(BPF_REG_2, BPF_REG_7, 16),
		CALL(BPF_FUNC_ringbuf_submit),
		MOV_IMM(BPF_REG_0, 0),
		EXIT(),
		MOV_IMM(BPF_REG_2, 0),
		CALL(BPF_FUNC_ringbuf_discard),
		MOV_IMM(BPF_REG_0, 3),
		EXIT(),
		MOV_IMM(BPF_REG_0, 1),
		EXIT(),
	};

	return bpf_prog_load(BPF_PROG_TYPE_XDP, "t_ringbuf", "GPL", insns,
			     sizeof(insns) / sizeof(insns[0]), NULL);
}

/* Runs the producer once; its return value, or -1 when the run itself failed. */
static long run_prog(int prog_fd)
{
	unsigned char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt));

	if (bpf_prog_test_run_opts(prog_fd, &opts))
		return -1;
	return opts.retval;
}

static void set_ctl(int ctl_fd, __u64 mode, __u64 flags)
{
	__u32 key = 0;
	struct ctl c;

	bpf_map_lookup_elem(ctl_fd, &key, &c);
	c.mode = mode;
	c.flags = flags;
	bpf_map_update_elem(ctl_fd, &key, &c, 0);
}

/* What the consumer saw: how many records, the sequence numbers in order, any damage. */
struct seen {
	long n, bad;
	__u64 next; /* the sequence number expected next (records are consecutive) */
	int stop; /* return an error after the next record */
};

static int on_record(void *ctx, void *data, size_t size)
{
	struct seen *s = ctx;
	__u64 first, last;

	memcpy(&first, data, 8);
	memcpy(&last, (char *)data + REC_SIZE - 8, 8);
	if (size != REC_SIZE || first != last || first != s->next)
		s->bad++;
	s->next = first + 1;
	s->n++;
	if (s->stop) {
		s->stop = 0;
		return -7;
	}
	return 0;
}

/*
 * Another process runs the producer once (ring 3: a spawned copy of this
 * program opening the pins; on Linux a fork). Returns its pid.
 */
static long start_producer(int prog_fd)
{
#ifdef _NEWLIB_VERSION
	char *argv[] = { "t_ringbuf", "produce", NULL };

	return bpfkern_spawn("t_ringbuf", argv, 0);
#else
	long pid = fork();

	if (pid == 0)
		_exit(run_prog(prog_fd) == 0 ? 0 : 1);
	return pid;
#endif
}

static int wait_producer(long pid)
{
	int status = -1;

#ifdef _NEWLIB_VERSION
	sys_wait4((int)pid, &status, 0, NULL);
#else
	waitpid((int)pid, &status, 0);
#endif
	return status;
}

/* The child of start_producer in ring 3: the pinned program, one run. */
static int produce(void)
{
	int prog_fd = bpf_obj_get(PIN_PROG);

	return prog_fd >= 0 && run_prog(prog_fd) == 0 ? 0 : 1;
}

/* Fills the ring without consuming until reserve fails; the records that fit. */
static long fill_ring(int prog_fd)
{
	long n = 0;

	while (n < RING_SIZE && run_prog(prog_fd) == 0)
		n++;
	return n;
}

static void test_records(struct ring_buffer *rb, int prog_fd, int ctl_fd, struct seen *s)
{
	long n;

	expect("ringbuf_poll_empty", ring_buffer__poll(rb, 0), 0);
	for (int i = 0; i < 3; i++)
		run_prog(prog_fd);
	expect("ringbuf_poll_three", ring_buffer__poll(rb, 0), 3);
	expect_true("ringbuf_three_in_order", s->n == 3 && s->next == 3 && !s->bad, s->bad);
	set_ctl(ctl_fd, 1, 0);
	expect("ringbuf_discard_retval", run_prog(prog_fd), 3);
	run_prog(prog_fd);
	set_ctl(ctl_fd, 0, 0);
	run_prog(prog_fd);
	s->next = 5; /* 3 and 4 were discarded */
	expect("ringbuf_discarded_skipped", ring_buffer__consume(rb), 1);
	expect("ringbuf_after_discard_intact", s->bad, 0);
	/* A 4096-byte ring holds 85 records of 48 bytes: the producer may not lap the consumer. */
	n = fill_ring(prog_fd);
	expect("ringbuf_full_records", n, (RING_SIZE - 1) / (REC_SIZE + 8));
	expect("ringbuf_full_reserve_null", run_prog(prog_fd), 2);
	s->stop = 1;
	expect("ringbuf_callback_error_stops", ring_buffer__consume(rb), -7);
	expect("ringbuf_full_drained", ring_buffer__consume(rb), n - 1);
	/* These wrap: the first record crossed the ring's end in the fill above. */
	for (int i = 0; i < 60; i++)
		run_prog(prog_fd);
	expect("ringbuf_wrapped_records", ring_buffer__consume(rb), 60);
	expect("ringbuf_all_intact", s->bad, 0);
	expect("ringbuf_total", s->n, 4 + n + 60);
}

static void test_wait(struct ring_buffer *rb, int prog_fd, int ctl_fd, struct seen *s)
{
	long pid;

#ifdef _NEWLIB_VERSION
	expect("ringbuf_pin_prog", bpf_obj_pin(prog_fd, PIN_PROG), 0);
#endif
	/* Nothing comes: a bounded wait times out empty. */
	expect("ringbuf_poll_timeout", ring_buffer__poll(rb, 20), 0);
	/* A sleeping poll wakes when another process submits. */
	pid = start_producer(prog_fd);
	expect_true("ringbuf_producer_started", pid > 0, pid);
	expect("ringbuf_poll_woken", ring_buffer__poll(rb, 10000), 1);
	expect("ringbuf_producer_exit", wait_producer(pid), 0);
	/* BPF_RB_NO_WAKEUP and FORCE_WAKEUP: records all the same, found by poll's first look. */
	set_ctl(ctl_fd, 0, BPF_RB_NO_WAKEUP);
	expect("ringbuf_no_wakeup_run", run_prog(prog_fd), 0);
	expect("ringbuf_no_wakeup_poll_finds", ring_buffer__poll(rb, 50), 1);
	set_ctl(ctl_fd, 0, BPF_RB_FORCE_WAKEUP);
	expect("ringbuf_force_wakeup_run", run_prog(prog_fd), 0);
	expect("ringbuf_force_wakeup_poll", ring_buffer__poll(rb, 1000), 1);
	expect("ringbuf_wait_intact", s->bad, 0);
#ifdef _NEWLIB_VERSION
	expect("ringbuf_unpin_prog", unlink(PIN_PROG), 0);
#endif
}

/* Wrong uses of the consumer's API. */
static void test_errors(int ctl_fd)
{
	struct ring_buffer *rb = ring_buffer__new(ctl_fd, on_record, NULL, NULL);

	expect_true("ringbuf_new_on_array_fails", rb == NULL, (long)rb);
	rb = ring_buffer__new(1000, on_record, NULL, NULL);
	expect_true("ringbuf_new_on_bad_fd_fails", rb == NULL, (long)rb);
}

int main(int argc, char **argv)
{
	struct seen s = { 0 };
	struct ring_buffer *rb;
	int rb_fd, ctl_fd, prog_fd;

	if (argc > 1 && !strcmp(argv[1], "produce"))
		return produce();
	rb_fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "t_rb", 0, 0, RING_SIZE, NULL);
	ctl_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "t_rb_ctl", 4, sizeof(struct ctl), 1, NULL);
	expect_true("ringbuf_create", rb_fd >= 0 && ctl_fd >= 0, rb_fd);
	prog_fd = load_prog(ctl_fd, rb_fd);
	expect_true("ringbuf_prog_load", prog_fd >= 0, prog_fd);
	if (rb_fd < 0 || ctl_fd < 0 || prog_fd < 0)
		return 1;
	rb = ring_buffer__new(rb_fd, on_record, &s, NULL);
	expect_true("ringbuf_new", rb != NULL, 0);
	if (!rb)
		return 1;
	test_records(rb, prog_fd, ctl_fd, &s);
	ring_buffer__free(rb);
	/* A second consumer sees the positions the first left: nothing pending. */
	rb = ring_buffer__new(rb_fd, on_record, &s, NULL);
	expect("ringbuf_reopen_empty", rb ? ring_buffer__consume(rb) : -1, 0);
	ring_buffer__free(rb);
	rb = ring_buffer__new(rb_fd, on_record, &s, NULL);
	if (rb)
		test_wait(rb, prog_fd, ctl_fd, &s);
	ring_buffer__free(rb);
	test_errors(ctl_fd);
	return failed ? 1 : 0;
}

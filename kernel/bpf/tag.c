// SPDX-License-Identifier: GPL-2.0
/*
 * The program tag (Linux: bpf_prog_calc_tag): the first 8 bytes of the
 * SHA-256 digest of the instructions as the user loaded them, with the fd
 * of map lddws zeroed (fds are not stable across loads). Linux 6.18 uses
 * SHA-256 (earlier kernels SHA-1); tools show it as `tag b11459a0e11ca14c`.
 * The SHA-256 here is FIPS 180-4, written small rather than fast: a tag is
 * computed once per load.
 */
#include <bpfkern/bpf.h>

struct sha256_state {
	u32 h[8];
	u8 block[64];
	u32 used; /* bytes in block */
	u64 total; /* bytes hashed */
};

static const u32 sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

static inline u32 ror32(u32 x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

/* One 64-byte block into the state. */
static void sha256_block(u32 h[8], const u8 *p)
{
	u32 w[64], a[8], t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 |
		       p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = w[i - 16] + (ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3)) +
		       w[i - 7] + (ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10));
	__builtin_memcpy(a, h, sizeof(a));
	for (i = 0; i < 64; i++) {
		t1 = a[7] + (ror32(a[4], 6) ^ ror32(a[4], 11) ^ ror32(a[4], 25)) +
		     ((a[4] & a[5]) ^ (~a[4] & a[6])) + sha256_k[i] + w[i];
		t2 = (ror32(a[0], 2) ^ ror32(a[0], 13) ^ ror32(a[0], 22)) +
		     ((a[0] & a[1]) ^ (a[0] & a[2]) ^ (a[1] & a[2]));
		__builtin_memmove(&a[1], &a[0], 7 * sizeof(u32));
		a[4] += t1;
		a[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		h[i] += a[i];
}

static void sha256_init(struct sha256_state *s)
{
	static const u32 iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };

	__builtin_memcpy(s->h, iv, sizeof(iv));
	s->used = 0;
	s->total = 0;
}

static void sha256_update(struct sha256_state *s, const u8 *p, size_t len)
{
	s->total += len;
	while (len--) {
		s->block[s->used++] = *p++;
		if (s->used == 64) {
			sha256_block(s->h, s->block);
			s->used = 0;
		}
	}
}

/* Pads, finishes and writes the 32-byte digest. */
static void sha256_final(struct sha256_state *s, u8 out[32])
{
	u64 bits = s->total * 8;
	u8 pad = 0x80, len[8];
	int i;

	sha256_update(s, &pad, 1);
	pad = 0;
	while (s->used != 56)
		sha256_update(s, &pad, 1);
	for (i = 0; i < 8; i++)
		len[i] = (u8)(bits >> (56 - 8 * i));
	sha256_update(s, len, 8);
	for (i = 0; i < 32; i++)
		out[i] = (u8)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

void bpf_prog_calc_tag(struct bpf_prog *prog)
{
	struct sha256_state s;
	bool was_ld_map = false;
	u8 digest[32];
	u32 i;

	sha256_init(&s);
	for (i = 0; i < prog->len; i++) {
		struct bpf_insn insn = prog->insnsi[i];

		if (!was_ld_map && insn.code == (BPF_LD | BPF_IMM | BPF_DW) &&
		    (insn.src_reg == BPF_PSEUDO_MAP_FD || insn.src_reg == BPF_PSEUDO_MAP_VALUE)) {
			was_ld_map = true;
			insn.imm = 0;
		} else if (was_ld_map && insn.code == 0 && insn.dst_reg == 0 && insn.src_reg == 0 &&
			   insn.off == 0) {
			was_ld_map = false;
			insn.imm = 0;
		} else {
			was_ld_map = false;
		}
		sha256_update(&s, (const u8 *)&insn, sizeof(insn));
	}
	sha256_final(&s, digest);
	__builtin_memcpy(prog->tag, digest, BPF_TAG_SIZE);
}

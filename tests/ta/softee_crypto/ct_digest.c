// SPDX-License-Identifier: BSD-2-Clause
/*
 * Digest known answers: the FIPS 180-4 and FIPS 202 example messages
 * ("", "abc", the 448- and 896-bit messages, one million 'a'), the
 * RFC 1321 MD5 suite and the GB/T 32905 SM3 examples. Each runs one
 * shot, in odd pieces and, for the XOFs, through TEE_DigestExtract.
 */
#include <string.h>
#include <tee_internal_api.h>

#include "ct.h"
#include "softee_crypto_ta.h"

#define M448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define M896 "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn" \
	     "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

struct digest_vec {
	uint32_t alg;
	const char *msg;
	uint32_t repeat;	/* msg repeated; 1000000 x "a" for the long one */
	const char *md;
};

static const struct digest_vec sha_vecs[] = {
	{ TEE_ALG_SHA1, "", 1, "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
	{ TEE_ALG_SHA1, "abc", 1, "a9993e364706816aba3e25717850c26c9cd0d89d" },
	{ TEE_ALG_SHA1, M448, 1, "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
	{ TEE_ALG_SHA1, "a", 1000000,
	  "34aa973cd4c4daa4f61eeb2bdbad27316534016f" },
	{ TEE_ALG_SHA224, "abc", 1,
	  "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7" },
	{ TEE_ALG_SHA224, M448, 1,
	  "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525" },
	{ TEE_ALG_SHA224, "a", 1000000,
	  "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67" },
	{ TEE_ALG_SHA256, "", 1,
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ TEE_ALG_SHA256, "abc", 1,
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ TEE_ALG_SHA256, M448, 1,
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ TEE_ALG_SHA256, "a", 1000000,
	  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
	{ TEE_ALG_SHA384, "abc", 1,
	  "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
	  "8086072ba1e7cc2358baeca134c825a7" },
	{ TEE_ALG_SHA384, M896, 1,
	  "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
	  "fcc7c71a557e2db966c3e9fa91746039" },
	{ TEE_ALG_SHA384, "a", 1000000,
	  "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
	  "07b8b3dc38ecc4ebae97ddd87f3d8985" },
	{ TEE_ALG_SHA512, "abc", 1,
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	{ TEE_ALG_SHA512, M896, 1,
	  "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	  "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909" },
	{ TEE_ALG_SHA512, "a", 1000000,
	  "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	  "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b" },
};

static const struct digest_vec sha3_vecs[] = {
	{ TEE_ALG_SHA3_224, "", 1,
	  "6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7" },
	{ TEE_ALG_SHA3_224, "abc", 1,
	  "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf" },
	{ TEE_ALG_SHA3_256, "", 1,
	  "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a" },
	{ TEE_ALG_SHA3_256, "abc", 1,
	  "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532" },
	{ TEE_ALG_SHA3_256, M448, 1,
	  "41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376" },
	{ TEE_ALG_SHA3_256, "a", 1000000,
	  "5c8875ae474a3634ba4fd55ec85bffd661f32aca75c6d699d0cdcb6c115891c1" },
	{ TEE_ALG_SHA3_384, "abc", 1,
	  "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b2"
	  "98d88cea927ac7f539f1edf228376d25" },
	{ TEE_ALG_SHA3_384, M896, 1,
	  "79407d3b5916b59c3e30b09822974791c313fb9ecc849e406f23592d04f625dc"
	  "8c709b98b43b3852b337216179aa7fc7" },
	{ TEE_ALG_SHA3_512, "abc", 1,
	  "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
	  "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0" },
	{ TEE_ALG_SHA3_512, "a", 1000000,
	  "3c3a876da14034ab60627c077bb98f7e120a2a5370212dffb3385a18d4f38859"
	  "ed311d0a9d5141ce9cc5c66ee689b266a8aa18ace8282a0e0db596c90b0a7b87" },
	/* XOFs: the expected output length is the vector's. */
	{ TEE_ALG_SHAKE128, "", 1,
	  "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26" },
	{ TEE_ALG_SHAKE128, "abc", 1,
	  "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8" },
	{ TEE_ALG_SHAKE256, "", 1,
	  "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f"
	  "d75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be" },
	{ TEE_ALG_SHAKE256, "abc", 1,
	  "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"
	  "d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4" },
};

static const struct digest_vec md5_vecs[] = {
	{ TEE_ALG_MD5, "", 1, "d41d8cd98f00b204e9800998ecf8427e" },
	{ TEE_ALG_MD5, "a", 1, "0cc175b9c0f1b6a831c399e269772661" },
	{ TEE_ALG_MD5, "abc", 1, "900150983cd24fb0d6963f7d28e17f72" },
	{ TEE_ALG_MD5, "message digest", 1, "f96b697d7cb7938d525a2f31aaf161d0" },
	{ TEE_ALG_MD5, "abcdefghijklmnopqrstuvwxyz", 1,
	  "c3fcd3d76192e4007dfb496cca67e13b" },
	{ TEE_ALG_MD5,
	  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 1,
	  "d174ab98d277d9f5a5611c2c9f419d9f" },
	{ TEE_ALG_MD5, "1234567890", 8, "57edf4a22be3c955ac49da2e2107b67a" },
};

static const struct digest_vec sm3_vecs[] = {
	{ TEE_ALG_SM3, "abc", 1,
	  "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" },
	{ TEE_ALG_SM3, "abcd", 16,
	  "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732" },
};

static bool is_xof(uint32_t alg)
{
	return alg == TEE_ALG_SHAKE128 || alg == TEE_ALG_SHAKE256;
}

/* The vector's message, fed in repeats through TEE_DigestUpdate. */
static TEE_Result digest_repeated(const struct digest_vec *v, size_t vi,
				  const struct ct_buf *want)
{
	static uint8_t block[1000];
	TEE_OperationHandle op;
	uint8_t md[64];
	size_t len = sizeof(md), mlen = strlen(v->msg), n = 0, i, fill;

	/* Pack as many whole messages as fit into one update block. */
	fill = sizeof(block) / mlen;
	for (i = 0; i < fill; i++)
		memcpy(block + i * mlen, v->msg, mlen);
	CT_RES(TEE_AllocateOperation(&op, v->alg, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS, "allocate");
	while (n < v->repeat) {
		i = v->repeat - n < fill ? v->repeat - n : fill;
		TEE_DigestUpdate(op, block, i * mlen);
		n += i;
	}
	if (is_xof(v->alg))
		len = want->n;
	CT_RES(TEE_DigestDoFinal(op, NULL, 0, md, &len), TEE_SUCCESS, "final");
	TEE_FreeOperation(op);
	CT_SAME("repeated digest", md, len, want->b, want->n);
	(void)vi;
	return TEE_SUCCESS;
}

/* XOF output taken in pieces of 1, 2, 3... bytes matches the vector. */
static TEE_Result xof_extract(const struct digest_vec *v,
			      const struct ct_buf *want)
{
	TEE_OperationHandle op;
	uint8_t out[64];
	size_t got = 0, n, step = 1;

	CT_RES(TEE_AllocateOperation(&op, v->alg, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS, "allocate");
	TEE_DigestUpdate(op, v->msg, strlen(v->msg));
	while (got < want->n) {
		n = step < want->n - got ? step : want->n - got;
		CT_RES(TEE_DigestExtract(op, out + got, &n), TEE_SUCCESS,
		       "extract");
		CT_CHECK(n == (step < want->n - got ? step : want->n - got),
			 "extract gave %zu bytes", n);
		got += n;
		step++;
	}
	TEE_FreeOperation(op);
	CT_SAME("extracted XOF output", out, got, want->b, want->n);
	return TEE_SUCCESS;
}

/* A fixed-size digest handed out by TEE_DigestExtract in two parts. */
static TEE_Result hash_extract(const struct digest_vec *v,
			       const struct ct_buf *want)
{
	TEE_OperationHandle op;
	uint8_t out[64];
	size_t n = 5, m = sizeof(out) - 5;

	CT_RES(TEE_AllocateOperation(&op, v->alg, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS, "allocate");
	TEE_DigestUpdate(op, v->msg, strlen(v->msg));
	CT_RES(TEE_DigestExtract(op, out, &n), TEE_SUCCESS, "extract 5");
	CT_CHECK(n == 5, "extract gave %zu", n);
	CT_RES(TEE_DigestExtract(op, out + 5, &m), TEE_SUCCESS, "extract rest");
	CT_CHECK(m == want->n - 5, "extract rest gave %zu", m);
	TEE_FreeOperation(op);
	CT_SAME("extracted digest", out, n + m, want->b, want->n);
	return TEE_SUCCESS;
}

static TEE_Result digest_vectors(const struct digest_vec *v, size_t n)
{
	static struct ct_buf want;
	uint8_t md[64];
	size_t i, len, chunks[] = { 0, 1, 7 }, c;

	for (i = 0; i < n; i++) {
		ct_hex(&want, v[i].md);
		if (v[i].repeat > 1) {
			CT_TRY(digest_repeated(&v[i], i, &want));
			continue;
		}
		for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
			len = is_xof(v[i].alg) ? want.n : sizeof(md);
			CT_TRY(ct_digest(v[i].alg, v[i].msg, strlen(v[i].msg),
					 chunks[c], md, &len));
			CT_SAME("digest", md, len, want.b, want.n);
		}
		if (is_xof(v[i].alg))
			CT_TRY(xof_extract(&v[i], &want));
		else
			CT_TRY(hash_extract(&v[i], &want));
	}
	return TEE_SUCCESS;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

TEE_Result ct_check_digest(uint32_t id)
{
	switch (id) {
	case SC_CHECK_DIGEST_SHA:
		return digest_vectors(sha_vecs, N(sha_vecs));
	case SC_CHECK_DIGEST_SHA3:
		return digest_vectors(sha3_vecs, N(sha3_vecs));
	case SC_CHECK_DIGEST_MD5:
		return digest_vectors(md5_vecs, N(md5_vecs));
	case SC_CHECK_DIGEST_SM3:
		return digest_vectors(sm3_vecs, N(sm3_vecs));
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

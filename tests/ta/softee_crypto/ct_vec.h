/* SPDX-License-Identifier: BSD-2-Clause */
/* Known-answer vectors of the symmetric crypto test TA (hex strings). */
#ifndef CT_VEC_H
#define CT_VEC_H

#include <stdint.h>
#include <tee_internal_api.h>

/* A list ends with an entry whose alg is 0. */
struct cipher_vec {
	uint32_t alg, type;
	const char *key, *key2;	/* key2: XTS only */
	const char *iv, *pt;
	const char *ct;		/* NULL: the 3-key form K1 K2 K1 gives it */
};

struct mac_vec {
	uint32_t alg;
	const char *key;
	const char *iv;		/* NULL: none */
	const char *msg;
	const char *mac;	/* compared over its length (truncated ones) */
};

struct ae_vec {
	uint32_t alg;
	const char *key, *nonce, *aad, *pt, *ct, *tag;
};

extern const struct cipher_vec ct_aes_ecb_vecs[], ct_aes_cbc_vecs[],
	ct_aes_ctr_vecs[], ct_aes_cts_vecs[], ct_aes_xts_vecs[],
	ct_des_vecs[], ct_des3_vecs[];
extern const struct mac_vec ct_hmac_sha2_vecs[], ct_hmac_md5_sha1_vecs[],
	ct_hmac_sha3_vecs[], ct_cmac_vecs[], ct_cbc_mac_vecs[];
extern const struct ae_vec ct_gcm_vecs[], ct_ccm_vecs[];

#endif /* CT_VEC_H */

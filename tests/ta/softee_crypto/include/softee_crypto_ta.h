/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The symmetric crypto test TA and its client (tests/integration/
 * crypto_kat.c): UUID, commands and the numbered checks. The lists are
 * X-macros so that TA and client agree on numbers and names.
 */
#ifndef SOFTEE_CRYPTO_TA_H
#define SOFTEE_CRYPTO_TA_H

/* Multi instance: a panic takes down only the session that caused it. */
#define TA_SOFTEE_CRYPTO_UUID \
	{ 0x5eed7e57, 0x00c5, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0xc5 } }

enum softee_crypto_cmd {
	/*
	 * p0 VALUE_INPUT a = check (SC_CHECK_*); p1 MEMREF_OUTPUT: a text
	 * saying what failed. TEE_SUCCESS when the check passed.
	 */
	SOFTEE_CRYPTO_CMD_CHECK = 0,
	/*
	 * p0 VALUE_INPUT a = misuse (SC_PANIC_*). The TA must panic; if the
	 * misuse returns, the command answers SOFTEE_CRYPTO_NO_PANIC.
	 */
	SOFTEE_CRYPTO_CMD_PANIC = 1,
};

/* Answer of CMD_PANIC when the runtime did not panic. */
#define SOFTEE_CRYPTO_NO_PANIC	0x5eed0bad

/* Known-answer families and GP behaviour groups: X(id, name). */
#define SC_CHECKS(X) \
	X(DIGEST_SHA, digest_sha1_sha2_fips180) \
	X(DIGEST_SHA3, digest_sha3_shake_fips202) \
	X(DIGEST_MD5, digest_md5_rfc1321) \
	X(DIGEST_SM3, digest_sm3_gbt32905) \
	X(AES_ECB, aes_ecb_sp800_38a) \
	X(AES_CBC, aes_cbc_sp800_38a) \
	X(AES_CTR, aes_ctr_sp800_38a) \
	X(AES_CTS, aes_cts_rfc3962) \
	X(AES_XTS, aes_xts_ieee1619) \
	X(DES, des_fips81) \
	X(DES3, des3_sp800_67) \
	X(HMAC_SHA2, hmac_sha2_rfc4231) \
	X(HMAC_MD5_SHA1, hmac_md5_sha1_rfc2202) \
	X(HMAC_SHA3, hmac_sha3) \
	X(AES_CMAC, aes_cmac_rfc4493_sp800_38b) \
	X(CBC_MAC, cbc_mac_aes_des) \
	X(AES_GCM, aes_gcm_spec) \
	X(AES_CCM, aes_ccm_rfc3610_sp800_38c) \
	X(MULTIPART, multipart_odd_chunks) \
	X(INPLACE, inplace_buffers) \
	X(ERR_SHORT_BUFFER, gp_short_buffer_sizes) \
	X(ERR_BAD_INPUT, gp_bad_input_errors) \
	X(ERR_KEY_SIZES, gp_wrong_key_sizes) \
	X(ERR_ATTRS, gp_bad_attributes) \
	X(OBJECTS, gp_object_functions) \
	X(OPERATIONS, gp_operation_functions) \
	X(GP11, gp11_wrappers)

/* Misuse that GP says panics: X(id, name). */
#define SC_PANICS(X) \
	X(CIPHER_UPDATE_NOT_INIT, cipher_update_before_init) \
	X(MAC_FINAL_NOT_INIT, mac_final_before_init) \
	X(AE_AAD_AFTER_PAYLOAD, ae_aad_after_payload) \
	X(CCM_PAYLOAD_TOO_LONG, ccm_payload_longer_than_announced) \
	X(WRONG_CLASS, mac_update_on_cipher) \
	X(KEY_WRONG_TYPE, set_des_key_on_aes) \
	X(KEY_TOO_BIG, set_key_bigger_than_max) \
	X(KEY_NO_USAGE, set_key_without_usage) \
	X(KEY_UNINITIALIZED, set_uninitialized_key) \
	X(KEY_ON_INITIALIZED_OP, set_key_on_initialized_op) \
	X(KEY_ON_DIGEST, set_key_on_digest) \
	X(POPULATE_MISSING, populate_missing_attribute) \
	X(POPULATE_FOREIGN, populate_foreign_attribute) \
	X(POPULATE_TOO_BIG, populate_key_too_big) \
	X(POPULATE_TWICE, populate_initialized_object) \
	X(FORGED_OBJECT, forged_object_handle) \
	X(FREED_OPERATION, freed_operation_handle) \
	X(SECRET_NOT_EXTRACTABLE, read_secret_not_extractable) \
	X(VALUE_AS_BUFFER, buffer_read_of_value_attribute) \
	X(INIT_REF_VALUE_ID, init_ref_attribute_value_id) \
	X(CBC_BAD_IV, cbc_iv_wrong_length) \
	X(GENKEY_BAD_SIZE, generate_key_bad_size) \
	X(RESET_WITHOUT_KEY, reset_operation_without_key)

#define SC_ENUM_CHECK(id, name) SC_CHECK_##id,
#define SC_ENUM_PANIC(id, name) SC_PANIC_##id,
enum { SC_CHECKS(SC_ENUM_CHECK) SC_CHECK_COUNT };
enum { SC_PANICS(SC_ENUM_PANIC) SC_PANIC_COUNT };

#endif /* SOFTEE_CRYPTO_TA_H */

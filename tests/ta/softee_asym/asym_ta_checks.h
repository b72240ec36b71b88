/* SPDX-License-Identifier: BSD-2-Clause */
/* The check families of the asymmetric test TA, one per command. */
#ifndef ASYM_TA_CHECKS_H
#define ASYM_TA_CHECKS_H

#include <stdint.h>
#include <tee_internal_api.h>

TEE_Result asym_check_rsa_pkcs1_sign(void);
TEE_Result asym_check_rsa_pss(void);
TEE_Result asym_check_rsa_oaep(void);
TEE_Result asym_check_rsa_enc(void);
TEE_Result asym_check_rsa_keygen(uint32_t bits);
TEE_Result asym_check_ecdsa_kat(void);
TEE_Result asym_check_ecdsa_roundtrip(void);
TEE_Result asym_check_ecdh(void);
TEE_Result asym_check_x25519(void);
TEE_Result asym_check_ed25519(void);
TEE_Result asym_check_dh(void);
TEE_Result asym_check_dsa(void);
TEE_Result asym_check_errors(void);
TEE_Result asym_check_gp11(void);
/* Only returns (TEE_SUCCESS) for ASYM_PANIC_NONE. */
TEE_Result asym_do_panic(uint32_t which);
/* Key derivation functions (asym_ta_kdf.c). */
TEE_Result asym_check_hkdf(void);
TEE_Result asym_check_pbkdf2(void);
TEE_Result asym_check_concat_kdf(void);
TEE_Result asym_check_kdf_errors(void);
/* Only returns (TEE_SUCCESS) for ASYM_KDF_PANIC_NONE. */
TEE_Result asym_do_kdf_panic(uint32_t which);

/* Shared by several files: the RSA keys of the vectors. */
TEE_ObjectHandle asym_pkcs1_keypair(bool crt);
TEE_ObjectHandle asym_rsa_public(const char *n_hex);

#endif /* ASYM_TA_CHECKS_H */

// SPDX-License-Identifier: BSD-2-Clause
/*
 * Asymmetric crypto, big-integer and key derivation tests: drives the
 * softee_asym test TA, which runs known-answer vectors from the standards
 * and GP error checks inside the TA (one command per family), and checks
 * that the misuses GP answers with a panic kill the calling session only.
 * usage: asym_kat [--label L] [TEST...]   (all by default)
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tee_client_api.h>

#include "softee_asym_ta.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static const TEEC_UUID asym_uuid = TA_SOFTEE_ASYM_UUID;

struct asym_sess {
	TEEC_Context ctx;
	TEEC_Session sess;
	int have_ctx, have_sess;
};

static int sess_open(struct asym_sess *s)
{
	uint32_t origin = 0;
	TEEC_Result res;

	memset(s, 0, sizeof(*s));
	res = TEEC_InitializeContext(NULL, &s->ctx);
	if (res != TEEC_SUCCESS) {
		TEST_FAILF("TEEC_InitializeContext: 0x%08x", res);
		return -1;
	}
	s->have_ctx = 1;
	res = TEEC_OpenSession(&s->ctx, &s->sess, &asym_uuid,
			       TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (res != TEEC_SUCCESS) {
		TEST_FAILF("TEEC_OpenSession: 0x%08x origin %u", res, origin);
		return -1;
	}
	s->have_sess = 1;
	return 0;
}

static void sess_close(struct asym_sess *s)
{
	if (s->have_sess)
		TEEC_CloseSession(&s->sess);
	if (s->have_ctx)
		TEEC_FinalizeContext(&s->ctx);
	s->have_sess = s->have_ctx = 0;
}

static TEEC_Result call(struct asym_sess *s, uint32_t cmd, uint32_t arg,
			uint32_t *where, uint32_t *got, uint32_t *origin)
{
	TEEC_Operation op;
	TEEC_Result res;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_VALUE_INPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[1].value.a = arg;
	res = TEEC_InvokeCommand(&s->sess, cmd, &op, origin);
	*where = op.params[0].value.a;
	*got = op.params[0].value.b;
	return res;
}

static const char *file_name(uint32_t id)
{
	static const char *const names[] = {
		[ASYM_FILE_BIGINT] = "asym_ta_bigint.c",
		[ASYM_FILE_RSA] = "asym_ta_rsa.c",
		[ASYM_FILE_EC] = "asym_ta_ec.c",
		[ASYM_FILE_25519] = "asym_ta_25519.c",
		[ASYM_FILE_FFC] = "asym_ta_ffc.c",
		[ASYM_FILE_ERR] = "asym_ta_err.c",
		[ASYM_FILE_UTIL] = "asym_ta_util.c",
		[ASYM_FILE_KDF] = "asym_ta_kdf.c",
	};

	if (id < sizeof(names) / sizeof(names[0]) && names[id])
		return names[id];
	return "?";
}

/* One family of checks in a fresh session: PASS or the failed check. */
static void family(uint32_t cmd, uint32_t arg)
{
	struct asym_sess s;
	uint32_t where = 0, got = 0, origin = 0;
	TEEC_Result res;

	if (sess_open(&s)) {
		sess_close(&s);
		return;
	}
	res = call(&s, cmd, arg, &where, &got, &origin);
	if (res != TEEC_SUCCESS) {
		if (where)
			TEST_FAILF("TA check at %s:%u failed (result 0x%08x)",
				   file_name(where >> 16), where & 0xffff, got);
		else
			TEST_FAILF("command %u: 0x%08x origin %u", cmd, res,
				   origin);
	}
	sess_close(&s);
}

TEST(asym_bigint_arith) { family(ASYM_CMD_BIGINT_ARITH, 0); }
TEST(asym_bigint_modular) { family(ASYM_CMD_BIGINT_MOD, 0); }
TEST(asym_rsa_pkcs1_v15_signature_kat) { family(ASYM_CMD_RSA_PKCS1_SIGN, 0); }
TEST(asym_rsa_pss_kat_and_roundtrip) { family(ASYM_CMD_RSA_PSS, 0); }
TEST(asym_rsa_oaep_kat_and_roundtrip) { family(ASYM_CMD_RSA_OAEP, 0); }
TEST(asym_rsa_pkcs1_v15_and_raw_encryption) { family(ASYM_CMD_RSA_ENC, 0); }
TEST(asym_rsa_keygen_256_512_1024) {
	family(ASYM_CMD_RSA_KEYGEN, 256);
	if (!testlib.failed_now)
		family(ASYM_CMD_RSA_KEYGEN, 512);
	if (!testlib.failed_now)
		family(ASYM_CMD_RSA_KEYGEN, 1024);
}
TEST(asym_rsa_keygen_2048) { family(ASYM_CMD_RSA_KEYGEN, 2048); }
TEST(asym_rsa_keygen_4096) { family(ASYM_CMD_RSA_KEYGEN, 4096); }
TEST(asym_ecdsa_cavp_kat) { family(ASYM_CMD_ECDSA_KAT, 0); }
TEST(asym_ecdsa_roundtrip_all_curves) { family(ASYM_CMD_ECDSA_ROUNDTRIP, 0); }
TEST(asym_ecdh_cavs_kat_and_roundtrip) { family(ASYM_CMD_ECDH, 0); }
TEST(asym_x25519_rfc7748) { family(ASYM_CMD_X25519, 0); }
TEST(asym_ed25519_rfc8032) { family(ASYM_CMD_ED25519, 0); }
TEST(asym_dh_rfc5114) { family(ASYM_CMD_DH, 0); }
TEST(asym_dsa_roundtrip) { family(ASYM_CMD_DSA, 0); }
TEST(asym_gp_error_results) { family(ASYM_CMD_ERRORS, 0); }
TEST(asym_gp11_entry_points) { family(ASYM_CMD_GP11, 0); }
TEST(asym_hkdf_rfc5869_and_gp_hkdf) { family(ASYM_CMD_HKDF, 0); }
TEST(asym_pbkdf2_rfc6070) { family(ASYM_CMD_PBKDF2, 0); }
TEST(asym_concat_kdf_sp800_56a) { family(ASYM_CMD_CONCAT_KDF, 0); }
TEST(asym_kdf_gp_error_results) { family(ASYM_CMD_KDF_ERRORS, 0); }

static const char *const panic_names[ASYM_PANIC_COUNT] = {
	[ASYM_PANIC_NONE] = "none (control)",
	[ASYM_PANIC_SIGN_DIGEST_LEN] = "sign with a wrong digest length",
	[ASYM_PANIC_VERIFY_DIGEST_LEN] = "verify with a wrong digest length",
	[ASYM_PANIC_KEY_TYPE] = "RSA key on an ECDSA operation",
	[ASYM_PANIC_KEY_CURVE] = "P-384 key on a P-256 operation",
	[ASYM_PANIC_WRONG_MODE] = "encrypt with a signing operation",
	[ASYM_PANIC_NO_KEY] = "sign without a key",
	[ASYM_PANIC_DERIVE_NO_PEER] = "ECDH without the peer point",
	[ASYM_PANIC_DERIVE_BAD_POINT] = "ECDH with a point off the curve",
	[ASYM_PANIC_MISSING_MODULUS] = "RSA key without modulus",
	[ASYM_PANIC_POINT_OFF_CURVE] = "ECDSA key with a bogus point",
	[ASYM_PANIC_BIGINT_OVERFLOW] = "big-integer result too big",
	[ASYM_PANIC_BIGINT_NO_INVERSE] = "inverse that does not exist",
	[ASYM_PANIC_BIGINT_DIV_ZERO] = "division by zero",
};

/*
 * Each misuse in a session of its own: the call must come back
 * TARGET_DEAD from the TEE, and the session stays dead afterwards.
 */
TEST(asym_misuse_panics)
{
	for (uint32_t c = 0; c < ASYM_PANIC_COUNT; c++) {
		uint32_t where = 0, got = 0, origin = 0;
		struct asym_sess s;
		TEEC_Result res;

		if (sess_open(&s)) {
			sess_close(&s);
			return;
		}
		res = call(&s, ASYM_CMD_PANIC, c, &where, &got, &origin);
		if (c == ASYM_PANIC_NONE) {
			if (res != TEEC_SUCCESS)
				TEST_FAILF("control case: 0x%08x", res);
		} else if (res != TEEC_ERROR_TARGET_DEAD ||
			   origin != TEEC_ORIGIN_TEE) {
			TEST_FAILF("%s: 0x%08x origin %u (check %s:%u) instead "
				   "of a panic", panic_names[c], res, origin,
				   file_name(where >> 16), where & 0xffff);
		} else if (call(&s, ASYM_CMD_PANIC, 0, &where, &got, &origin) !=
			   TEEC_ERROR_TARGET_DEAD) {
			TEST_FAILF("%s: the session lived on", panic_names[c]);
		}
		sess_close(&s);
		if (testlib.failed_now)
			return;
	}
}

static const char *const kdf_panic_names[ASYM_KDF_PANIC_COUNT] = {
	[ASYM_KDF_PANIC_NONE] = "none (control)",
	[ASYM_KDF_PANIC_HKDF_NO_LENGTH] = "HKDF without an OKM length",
	[ASYM_KDF_PANIC_HKDF_ZERO_LENGTH] = "HKDF with an OKM length of 0",
	[ASYM_KDF_PANIC_OUT_TOO_SMALL] = "OKM longer than the derived object",
	[ASYM_KDF_PANIC_UNKNOWN_ATTR] = "a PBKDF2 salt given to HKDF",
	[ASYM_KDF_PANIC_HASH_ON_OPTEE_ID] = "GP hash attribute on OP-TEE HKDF",
	[ASYM_KDF_PANIC_GP_BAD_HASH] = "GP HKDF over SHAKE128",
	[ASYM_KDF_PANIC_GP_SIZE_BITS] = "KDF key size not in whole bytes",
	[ASYM_KDF_PANIC_GP_SIZES_DIFFER] = "KDF key size and OKM length differ",
	[ASYM_KDF_PANIC_WRONG_KEY_TYPE] = "generic secret on OP-TEE HKDF",
	[ASYM_KDF_PANIC_NO_KEY] = "derive without a key",
	[ASYM_KDF_PANIC_DERIVED_INITIALIZED] = "derived object already set",
	[ASYM_KDF_PANIC_DERIVED_NOT_SECRET] = "RSA object as derived key",
	[ASYM_KDF_PANIC_DERIVED_BAD_SIZE] = "20 bytes into an AES key",
	[ASYM_KDF_PANIC_NULL_PARAMS] = "parameters at NULL",
	[ASYM_KDF_PANIC_NULL_BUFFER] = "salt at NULL with a length",
	[ASYM_KDF_PANIC_PBKDF2_NO_ITER] = "PBKDF2 without iteration count",
	[ASYM_KDF_PANIC_PBKDF2_ZERO_ITER] = "PBKDF2 with 0 iterations",
	[ASYM_KDF_PANIC_PBKDF2_NO_LENGTH] = "PBKDF2 without a length",
	[ASYM_KDF_PANIC_CONCAT_NO_LENGTH] = "Concat KDF without a length",
	[ASYM_KDF_PANIC_CONCAT_EMPTY_Z] = "Concat KDF with an empty Z",
	[ASYM_KDF_PANIC_POPULATE_ATTR] = "HKDF IKM object with SECRET_VALUE",
	[ASYM_KDF_PANIC_NO_DERIVE_USAGE] = "key without the derive usage",
};

/* The same for the key derivation functions (ASYM_CMD_KDF_PANIC). */
TEST(asym_kdf_misuse_panics)
{
	for (uint32_t c = 0; c < ASYM_KDF_PANIC_COUNT; c++) {
		uint32_t where = 0, got = 0, origin = 0;
		struct asym_sess s;
		TEEC_Result res;

		if (sess_open(&s)) {
			sess_close(&s);
			return;
		}
		res = call(&s, ASYM_CMD_KDF_PANIC, c, &where, &got, &origin);
		if (c == ASYM_KDF_PANIC_NONE) {
			if (res != TEEC_SUCCESS)
				TEST_FAILF("control case: 0x%08x (check %s:%u)",
					   res, file_name(where >> 16),
					   where & 0xffff);
		} else if (res != TEEC_ERROR_TARGET_DEAD ||
			   origin != TEEC_ORIGIN_TEE) {
			TEST_FAILF("%s: 0x%08x origin %u (check %s:%u) instead "
				   "of a panic", kdf_panic_names[c], res,
				   origin, file_name(where >> 16),
				   where & 0xffff);
		} else if (call(&s, ASYM_CMD_KDF_PANIC, 0, &where, &got,
				&origin) != TEEC_ERROR_TARGET_DEAD) {
			TEST_FAILF("%s: the session lived on",
				   kdf_panic_names[c]);
		}
		sess_close(&s);
		if (testlib.failed_now)
			return;
	}
}

struct asym_test {
	const char *name;
	void (*fn)(void);
};
#define T(n) { #n, test_##n }

static const struct asym_test tests[] = {
	T(asym_bigint_arith),
	T(asym_bigint_modular),
	T(asym_rsa_pkcs1_v15_signature_kat),
	T(asym_rsa_pss_kat_and_roundtrip),
	T(asym_rsa_oaep_kat_and_roundtrip),
	T(asym_rsa_pkcs1_v15_and_raw_encryption),
	T(asym_rsa_keygen_256_512_1024),
	T(asym_rsa_keygen_2048),
	T(asym_rsa_keygen_4096),
	T(asym_ecdsa_cavp_kat),
	T(asym_ecdsa_roundtrip_all_curves),
	T(asym_ecdh_cavs_kat_and_roundtrip),
	T(asym_x25519_rfc7748),
	T(asym_ed25519_rfc8032),
	T(asym_dh_rfc5114),
	T(asym_dsa_roundtrip),
	T(asym_gp_error_results),
	T(asym_gp11_entry_points),
	T(asym_misuse_panics),
	T(asym_hkdf_rfc5869_and_gp_hkdf),
	T(asym_pbkdf2_rfc6070),
	T(asym_concat_kdf_sp800_56a),
	T(asym_kdf_gp_error_results),
	T(asym_kdf_misuse_panics),
};

static void run_one(const struct asym_test *t, const char *label)
{
	char name[160];

	snprintf(name, sizeof(name), "%s%s%s", label ? label : "",
		 label ? "/" : "", t->name);
	t->fn();
	testlib_report(name);
}

int main(int argc, char **argv)
{
	const size_t n = sizeof(tests) / sizeof(tests[0]);
	const char *label = NULL;
	int first = 1;

	if (argc > 2 && !strcmp(argv[1], "--label")) {
		label = argv[2];
		first = 3;
	}
	for (size_t i = 0; i < n; i++) {
		bool wanted = first >= argc;

		for (int k = first; k < argc && !wanted; k++)
			wanted = !strcmp(argv[k], tests[i].name);
		if (wanted)
			run_one(&tests[i], label);
	}
	for (int k = first; k < argc; k++) {
		bool known = false;

		for (size_t i = 0; i < n; i++)
			known = known || !strcmp(argv[k], tests[i].name);
		if (!known) {
			fprintf(stderr, "asym_kat: no test %s\n", argv[k]);
			return 2;
		}
	}
	return testlib_summary();
}

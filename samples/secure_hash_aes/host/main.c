// SPDX-License-Identifier: BSD-2-Clause
/*
 * secure_hash_aes client: hashes a message in the TA, seals it with
 * AES-256-GCM under a key that never leaves the TA, opens it again and
 * shows that a changed byte is refused.
 * usage: softee-secure-hash-aes [MESSAGE]
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tee_client_api.h>

#include <secure_hash_aes_ta.h>

static TEEC_Result invoke(TEEC_Session *sess, uint32_t cmd, const void *in,
			  size_t in_len, void *out, size_t *out_len,
			  const char *aad)
{
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result res;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 aad ? TEEC_MEMREF_TEMP_INPUT : TEEC_NONE,
					 TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)in;
	op.params[0].tmpref.size = in_len;
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = *out_len;
	if (aad) {
		op.params[2].tmpref.buffer = (void *)aad;
		op.params[2].tmpref.size = strlen(aad);
	}
	res = TEEC_InvokeCommand(sess, cmd, &op, &origin);
	*out_len = op.params[1].tmpref.size;
	return res;
}

static void print_hex(const char *label, const unsigned char *p, size_t n)
{
	size_t i;

	printf("%s", label);
	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

int main(int argc, char *argv[])
{
	const TEEC_UUID uuid = TA_SECURE_HASH_AES_UUID;
	const char *msg = argc > 1 ? argv[1] : "abc";
	const char *aad = "softee sample";
	size_t len = strlen(msg), n, sealed_len;
	unsigned char digest[32], *sealed, *opened;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Result res;
	uint32_t origin;

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext failed with code 0x%x", res);
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_OpenSession failed with code 0x%x origin 0x%x",
		     res, origin);

	/* Ask with no room first: the TA says how much it needs. */
	n = 0;
	res = invoke(&sess, TA_SECURE_HASH_AES_CMD_SHA256, msg, len, digest, &n,
		     NULL);
	if (res != TEEC_ERROR_SHORT_BUFFER || n != sizeof(digest))
		errx(1, "SHA-256 size query: 0x%x, %zu bytes", res, n);
	res = invoke(&sess, TA_SECURE_HASH_AES_CMD_SHA256, msg, len, digest, &n,
		     NULL);
	if (res != TEEC_SUCCESS)
		errx(1, "SHA-256 failed with code 0x%x", res);
	print_hex("sha256: ", digest, n);

	sealed_len = len + TA_SECURE_HASH_AES_NONCE_LEN +
		     TA_SECURE_HASH_AES_TAG_LEN;
	sealed = malloc(sealed_len);
	opened = malloc(len + 1);
	if (!sealed || !opened)
		errx(1, "out of memory");
	res = invoke(&sess, TA_SECURE_HASH_AES_CMD_SEAL, msg, len, sealed,
		     &sealed_len, aad);
	if (res != TEEC_SUCCESS)
		errx(1, "seal failed with code 0x%x", res);
	print_hex("sealed: ", sealed, sealed_len);

	n = len;
	res = invoke(&sess, TA_SECURE_HASH_AES_CMD_OPEN, sealed, sealed_len,
		     opened, &n, aad);
	if (res != TEEC_SUCCESS || n != len || memcmp(opened, msg, len))
		errx(1, "open failed with code 0x%x", res);
	opened[n] = '\0';
	printf("opened: %s\n", opened);

	/* One changed ciphertext byte must not authenticate. */
	sealed[TA_SECURE_HASH_AES_NONCE_LEN] ^= 0x01;
	n = len;
	res = invoke(&sess, TA_SECURE_HASH_AES_CMD_OPEN, sealed, sealed_len,
		     opened, &n, aad);
	if (res != TEEC_ERROR_MAC_INVALID)
		errx(1, "a tampered message gave 0x%x, not MAC_INVALID", res);
	printf("tampered: refused\n");

	free(sealed);
	free(opened);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}

// SPDX-License-Identifier: BSD-2-Clause
/*
 * Key derivation functions through TEE_DeriveKey: HKDF with RFC 5869
 * test cases 1-7 (OP-TEE's per-hash ids and GP 1.3.1's TEE_ALG_HKDF),
 * PBKDF2-HMAC-SHA1 with RFC 6070, the Concat KDF of SP 800-56A 5.8.1,
 * the GP results of misuse that does not panic, and the misuses that
 * must (one ASYM_KDF_PANIC_* case per session, driven by the client).
 *
 * Vectors without an RFC: HKDF over MD5, SHA-224, SHA-384 and SHA-512
 * (RFC 5869 test 1 inputs) and the Concat KDF ones marked "pyca" were
 * computed with Python's cryptography (HKDF, ConcatKDFHash) and checked
 * against hashlib/hmac by hand; the Concat KDF ones marked "pyca test"
 * and "Botan" are from pyca/cryptography's tests/hazmat/primitives/
 * test_concatkdf.py and Botan's src/tests/data/kdf/sp800_56a.vec.
 */
#include <string.h>
#include <tee_api_defines_extensions.h>
#include <tee_internal_api.h>

#include "asym_ta_checks.h"
#include "asym_ta_util.h"

#define ASYM_FILE ASYM_FILE_KDF

/* RFC 5869 inputs shared by several cases. */
#define IKM_0B22 "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"
#define SALT_13 "000102030405060708090a0b0c"
#define INFO_10 "f0f1f2f3f4f5f6f7f8f9"
#define LONG_IKM "000102030405060708090a0b0c0d0e0f101112131415161718191a1b" \
	"1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d" \
	"3e3f404142434445464748494a4b4c4d4e4f"
#define LONG_SALT "606162636465666768696a6b6c6d6e6f707172737475767778797a7b" \
	"7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d" \
	"9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
#define LONG_INFO "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacb" \
	"cccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebeced" \
	"eeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
#define OKM_A1 "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4" \
	"c5bf34007208d5b887185865"
#define OKM_A4 "085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f1" \
	"55fda2c22e422478d305f3f896"

struct hkdf_vec {
	uint32_t alg;
	const char *ikm;
	const char *salt;	/* NULL: no salt parameter at all */
	const char *info;	/* NULL: no info parameter */
	const char *okm;
};

static const struct hkdf_vec hkdf_vecs[] = {
	/* RFC 5869 A.1-A.3: SHA-256 */
	{ TEE_ALG_HKDF_SHA256_DERIVE_KEY, IKM_0B22, SALT_13, INFO_10, OKM_A1 },
	{ TEE_ALG_HKDF_SHA256_DERIVE_KEY, LONG_IKM, LONG_SALT, LONG_INFO,
	  "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
	  "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
	  "cc30c58179ec3e87c14c01d5c1f3434f1d87" },
	{ TEE_ALG_HKDF_SHA256_DERIVE_KEY, IKM_0B22, "", "",
	  "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
	  "9d201395faa4b61a96c8" },
	/* RFC 5869 A.4-A.7: SHA-1 (A.7: salt not provided) */
	{ TEE_ALG_HKDF_SHA1_DERIVE_KEY, "0b0b0b0b0b0b0b0b0b0b0b", SALT_13,
	  INFO_10, OKM_A4 },
	{ TEE_ALG_HKDF_SHA1_DERIVE_KEY, LONG_IKM, LONG_SALT, LONG_INFO,
	  "0bd770a74d1160f7c9f12cd5912a06ebff6adcae899d92191fe4305673ba2ffe"
	  "8fa3f1a4e5ad79f3f334b3b202b2173c486ea37ce3d397ed034c7f9dfeb15c5e"
	  "927336d0441f4c4300e2cff0d0900b52d3b4" },
	{ TEE_ALG_HKDF_SHA1_DERIVE_KEY, IKM_0B22, "", "",
	  "0ac1af7002b3d761d1e55298da9d0506b9ae52057220a306e07b6b87e8df21d0"
	  "ea00033de03984d34918" },
	{ TEE_ALG_HKDF_SHA1_DERIVE_KEY,
	  "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", NULL, "",
	  "2c91117204d745f3500d636a62f64f0ab3bae548aa53d423b0d1f27ebba6f5e5"
	  "673a081d70cce7acfc48" },
	/* The other digests, RFC 5869 A.1 inputs (pyca). */
	{ TEE_ALG_HKDF_MD5_DERIVE_KEY, IKM_0B22, SALT_13, INFO_10,
	  "b222c9db38d17b2fea8b3bb511c0d6d86049ef481ba7065ca5c6422618ed9cc9"
	  "144900e2c72b6a863a31" },
	{ TEE_ALG_HKDF_SHA224_DERIVE_KEY, IKM_0B22, SALT_13, INFO_10,
	  "2f21cd7cbc818ca5c561b933728e2e08e154a87e1432399a820dee13aa222d0c"
	  "ee6152fa539ab70f8e80" },
	{ TEE_ALG_HKDF_SHA384_DERIVE_KEY, IKM_0B22, SALT_13, INFO_10,
	  "9b5097a86038b805309076a44b3a9f38063e25b516dcbf369f394cfab43685f7"
	  "48b6457763e4f0204fc5" },
	{ TEE_ALG_HKDF_SHA512_DERIVE_KEY, IKM_0B22, SALT_13, INFO_10,
	  "832390086cda71fb47625bb5ceb168e4c8e26a1a16ed34d9fc7fe92c14815793"
	  "38da362cb8d9f925d7cb" },
};

static const struct buf no_buf = { NULL, 0 };

/* Bits of a secret of n bytes, at least 8 (the smallest key size). */
static uint32_t bits_of(size_t n)
{
	return n ? (uint32_t)n * 8 : 8;
}

/* A KDF input object of type holding secret in attribute id. */
static TEE_ObjectHandle kdf_key(uint32_t type, uint32_t id, struct buf secret)
{
	TEE_Attribute a;

	aref(&a, id, secret);
	return obj_with(type, bits_of(secret.n), &a, 1);
}

/*
 * TEE_DeriveKey with alg and key into a new object of out_type and
 * out_bits; the object (for more checks) and its secret.
 */
static struct buf derive_to(uint32_t alg, TEE_ObjectHandle key,
			    const TEE_Attribute *p, uint32_t n,
			    uint32_t out_type, uint32_t out_bits,
			    TEE_ObjectHandle *out)
{
	TEE_ObjectInfo info;
	TEE_OperationHandle op;
	TEE_ObjectHandle s;

	if (!key)
		return no_buf;
	if (TEE_GetObjectInfo1(key, &info))
		return no_buf;
	op = op_with(alg, TEE_MODE_DERIVE, bits_of(info.objectSize / 8), key);
	s = obj_new(out_type, out_bits);
	if (!op || !s)
		return no_buf;
	TEE_DeriveKey(op, p, n, s);
	if (out)
		*out = s;
	return obj_attr(s, TEE_ATTR_SECRET_VALUE);
}

static struct buf derive(uint32_t alg, TEE_ObjectHandle key,
			 const TEE_Attribute *p, uint32_t n, size_t out_len)
{
	return derive_to(alg, key, p, n, TEE_TYPE_GENERIC_SECRET,
			 (uint32_t)out_len * 8, NULL);
}

/* One vector through OP-TEE's ids, with its salt and info ids or GP's. */
static TEE_Result hkdf_optee(const struct hkdf_vec *v, bool gp_ids)
{
	struct buf okm = hx(v->okm), out;
	TEE_ObjectHandle key = kdf_key(TEE_TYPE_HKDF_IKM, TEE_ATTR_HKDF_IKM,
				       hx(v->ikm));
	TEE_Attribute p[3];
	uint32_t n = 0;

	ACHECK(key);
	if (v->salt)
		aref(&p[n++], gp_ids ? TEE_ATTR_HKDF_SALT :
				       __OPTEE_TEE_ATTR_HKDF_SALT, hx(v->salt));
	if (v->info)
		aref(&p[n++], gp_ids ? TEE_ATTR_HKDF_INFO :
				       __OPTEE_ATTR_HKDF_INFO, hx(v->info));
	aval(&p[n++], TEE_ATTR_HKDF_OKM_LENGTH, (uint32_t)okm.n);
	out = derive(v->alg, key, p, n, okm.n);
	ACHECK(buf_eq(okm, out.p, out.n));
	return TEE_SUCCESS;
}

/* GP 1.3.1's TEE_ALG_HKDF: digest, length and key type variants. */
static TEE_Result hkdf_gp(void)
{
	TEE_ObjectHandle k256 = kdf_key(TEE_TYPE_HKDF, TEE_ATTR_SECRET_VALUE,
					hx(IKM_0B22));
	TEE_ObjectHandle k1 = kdf_key(TEE_TYPE_HKDF, TEE_ATTR_SECRET_VALUE,
				      hx("0b0b0b0b0b0b0b0b0b0b0b"));
	TEE_ObjectHandle gen = kdf_key(TEE_TYPE_GENERIC_SECRET,
				       TEE_ATTR_SECRET_VALUE, hx(IKM_0B22));
	struct buf a1 = hx(OKM_A1), a4 = hx(OKM_A4), out;
	TEE_ObjectHandle aes = TEE_HANDLE_NULL;
	TEE_ObjectInfo info;
	TEE_Attribute p[4];

	ACHECK(k256 && k1 && gen);
	/* SHA-256 by default; the length as KDF_KEY_SIZE in bits. */
	aref(&p[0], TEE_ATTR_HKDF_SALT, hx(SALT_13));
	aref(&p[1], TEE_ATTR_HKDF_INFO, hx(INFO_10));
	aval(&p[2], TEE_ATTR_KDF_KEY_SIZE, 42 * 8);
	out = derive(TEE_ALG_HKDF, k256, p, 3, 42);
	ACHECK(buf_eq(a1, out.p, out.n));
	/* SHA-1 named; no length: the derived object's size (42 bytes). */
	aval(&p[2], TEE_ATTR_HKDF_HASH_ALGORITHM, TEE_ALG_SHA1);
	out = derive(TEE_ALG_HKDF, k1, p, 3, 42);
	ACHECK(buf_eq(a4, out.p, out.n));
	/* Both lengths, agreeing; OP-TEE's salt/info ids are taken too. */
	aref(&p[0], __OPTEE_TEE_ATTR_HKDF_SALT, hx(SALT_13));
	aref(&p[1], __OPTEE_TEE_ATTR_HKDF_INFO, hx(INFO_10));
	aval(&p[2], TEE_ATTR_HKDF_OKM_LENGTH, 42);
	aval(&p[3], TEE_ATTR_KDF_KEY_SIZE, 42 * 8);
	out = derive(TEE_ALG_HKDF, k256, p, 4, 64);
	ACHECK(buf_eq(a1, out.p, out.n));
	/* A generic secret (an agreed secret, say) as the key. */
	aval(&p[2], TEE_ATTR_HKDF_HASH_ALGORITHM, TEE_ALG_SHA256);
	out = derive(TEE_ALG_HKDF, gen, p, 3, 42);
	ACHECK(buf_eq(a1, out.p, out.n));
	/* Straight into an AES-256 key: the first 32 bytes of the OKM. */
	out = derive_to(TEE_ALG_HKDF, k256, p, 2, TEE_TYPE_AES, 256, &aes);
	ACHECK(out.n == 32 && !memcmp(out.p, a1.p, 32));
	ARES(TEE_GetObjectInfo1(aes, &info), TEE_SUCCESS);
	ACHECK(info.objectType == TEE_TYPE_AES && info.objectSize == 256 &&
	       (info.handleFlags & TEE_HANDLE_FLAG_INITIALIZED));
	return TEE_SUCCESS;
}

/* Operation info, copies, the GP 1.1 entry point, generated keys. */
static TEE_Result hkdf_operation(void)
{
	TEE_ObjectHandle key = kdf_key(TEE_TYPE_HKDF_IKM, TEE_ATTR_HKDF_IKM,
				       hx(IKM_0B22));
	TEE_ObjectHandle g = obj_new(TEE_TYPE_HKDF_IKM, 256), k2, s;
	TEE_OperationHandle op, cp;
	struct buf a1 = hx(OKM_A1), out, ikm, out2;
	__GP11_TEE_Attribute p11[3];
	TEE_OperationInfo oi;
	TEE_Attribute p[3];
	size_t len = 0;

	ACHECK(key && g);
	op = op_with(TEE_ALG_HKDF_SHA256_DERIVE_KEY, TEE_MODE_DERIVE, 512, key);
	cp = op_with(TEE_ALG_HKDF_SHA256_DERIVE_KEY, TEE_MODE_DERIVE, 512,
		     TEE_HANDLE_NULL);
	ACHECK(op && cp);
	TEE_GetOperationInfo(op, &oi);
	ACHECK(oi.operationClass == TEE_OPERATION_KEY_DERIVATION &&
	       oi.mode == TEE_MODE_DERIVE && oi.keySize == 176 &&
	       oi.maxKeySize == 512 && oi.digestLength == 0 &&
	       oi.requiredKeyUsage == TEE_USAGE_DERIVE &&
	       (oi.handleState & TEE_HANDLE_FLAG_KEY_SET));
	/* A copy derives the same, through the GP 1.1 layout. */
	TEE_CopyOperation(cp, op);
	__GP11_TEE_InitRefAttribute(&p11[0], __OPTEE_TEE_ATTR_HKDF_SALT,
				    hx(SALT_13).p, 13);
	__GP11_TEE_InitRefAttribute(&p11[1], __OPTEE_TEE_ATTR_HKDF_INFO,
				    hx(INFO_10).p, 10);
	__GP11_TEE_InitValueAttribute(&p11[2], TEE_ATTR_HKDF_OKM_LENGTH, 42, 0);
	s = obj_new(TEE_TYPE_GENERIC_SECRET, 42 * 8);
	ACHECK(s);
	__GP11_TEE_DeriveKey(cp, p11, 3, s);
	out = secret_of(s);
	ACHECK(buf_eq(a1, out.p, out.n));

	/* A generated IKM is kept in TEE_ATTR_HKDF_IKM, not SECRET_VALUE. */
	ARES(TEE_GenerateKey(g, 256, NULL, 0), TEE_SUCCESS);
	ARES(TEE_GetObjectBufferAttribute(g, TEE_ATTR_SECRET_VALUE, NULL, &len),
	     TEE_ERROR_ITEM_NOT_FOUND);
	ikm = obj_attr(g, TEE_ATTR_HKDF_IKM);
	ACHECK(ikm.n == 32);
	k2 = kdf_key(TEE_TYPE_HKDF_IKM, TEE_ATTR_HKDF_IKM, ikm);
	aval(&p[0], TEE_ATTR_HKDF_OKM_LENGTH, 48);
	out = derive(TEE_ALG_HKDF_SHA384_DERIVE_KEY, g, p, 1, 48);
	out2 = derive(TEE_ALG_HKDF_SHA384_DERIVE_KEY, k2, p, 1, 48);
	ACHECK(out.n == 48 && buf_eq(out, out2.p, out2.n));
	return TEE_SUCCESS;
}

TEE_Result asym_check_hkdf(void)
{
	for (size_t i = 0; i < sizeof(hkdf_vecs) / sizeof(hkdf_vecs[0]); i++)
		ASUB(hkdf_optee(&hkdf_vecs[i], false));
	/* GP's salt and info ids on OP-TEE's algorithms */
	ASUB(hkdf_optee(&hkdf_vecs[0], true));
	ASUB(hkdf_optee(&hkdf_vecs[4], true));
	ASUB(hkdf_gp());
	ASUB(hkdf_operation());
	return TEE_SUCCESS;
}

/* --- PBKDF2 ------------------------------------------------------------- */

struct pbkdf2_vec {
	const char *password, *salt;	/* hex */
	uint32_t iterations;
	const char *dk;
};

/* RFC 6070 (tests 1-3, 5, 6; test 4 takes 16777216 iterations). */
static const struct pbkdf2_vec pbkdf2_vecs[] = {
	{ "70617373776f7264", "73616c74", 1,
	  "0c60c80f961f0e71f3a9b524af6012062fe037a6" },
	{ "70617373776f7264", "73616c74", 2,
	  "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957" },
	{ "70617373776f7264", "73616c74", 4096,
	  "4b007901b765489abead49d926f721d065a429c1" },
	{ "70617373776f726450415353574f524470617373776f7264",
	  "73616c7453414c5473616c7453414c5473616c7453414c5473616c7453414c54"
	  "73616c74", 4096,
	  "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038" },
	{ "7061737300776f7264", "7361006c74", 4096,
	  "56fa6aa75548099dcc37d7f03425e0c3" },
};

TEE_Result asym_check_pbkdf2(void)
{
	/* "password", no salt, 1 iteration (hashlib.pbkdf2_hmac) */
	struct buf nosalt = hx("8754c32c64b0f524fc50c00f788135de2d2dd767");
	TEE_ObjectHandle key;
	TEE_Attribute p[3];
	struct buf dk, out;

	for (size_t i = 0; i < sizeof(pbkdf2_vecs) / sizeof(pbkdf2_vecs[0]);
	     i++) {
		const struct pbkdf2_vec *v = &pbkdf2_vecs[i];

		dk = hx(v->dk);
		key = kdf_key(TEE_TYPE_PBKDF2_PASSWORD,
			      TEE_ATTR_PBKDF2_PASSWORD, hx(v->password));
		ACHECK(key);
		aref(&p[0], TEE_ATTR_PBKDF2_SALT, hx(v->salt));
		aval(&p[1], TEE_ATTR_PBKDF2_ITERATION_COUNT, v->iterations);
		aval(&p[2], TEE_ATTR_PBKDF2_DKM_LENGTH, (uint32_t)dk.n);
		out = derive(TEE_ALG_PBKDF2_HMAC_SHA1_DERIVE_KEY, key, p, 3,
			     dk.n);
		ACHECK(buf_eq(dk, out.p, out.n));
	}
	/* The salt is optional (an empty one), given in any order. */
	key = kdf_key(TEE_TYPE_PBKDF2_PASSWORD, TEE_ATTR_PBKDF2_PASSWORD,
		      hx("70617373776f7264"));
	aval(&p[0], TEE_ATTR_PBKDF2_DKM_LENGTH, 20);
	aval(&p[1], TEE_ATTR_PBKDF2_ITERATION_COUNT, 1);
	out = derive(TEE_ALG_PBKDF2_HMAC_SHA1_DERIVE_KEY, key, p, 2, 20);
	ACHECK(buf_eq(nosalt, out.p, out.n));
	aref(&p[2], TEE_ATTR_PBKDF2_SALT, hx(""));
	out = derive(TEE_ALG_PBKDF2_HMAC_SHA1_DERIVE_KEY, key, p, 3, 20);
	ACHECK(buf_eq(nosalt, out.p, out.n));
	return TEE_SUCCESS;
}

/* --- Concat KDF ----------------------------------------------------------- */

struct concat_vec {
	uint32_t alg;
	const char *z, *other_info;	/* other_info NULL: no parameter */
	const char *dk;
};

#define PYCA_Z "52169af5c485dcc2321eb8d26d5efa21fb9b93c98e38412ee2484cf1" \
	"4f0d0d23"
#define PYCA_OI "a1b2c3d4e5736f6674656520636f6e636174206b6466"
#define BOTAN_Z "7ce80e8b0480cde01fec587fe7045a8e"
#define BOTAN_OI "ea0e5d80a76bb5063148cc997b76da2d895bc3e4dff37c48579cc4e5" \
	"80f1fda3"

static const struct concat_vec concat_vecs[] = {
	/* pyca test: test_derive */
	{ TEE_ALG_CONCAT_KDF_SHA256_DERIVE_KEY, PYCA_Z,
	  "a1b2c3d4e53728157e634612c12d6d5223e204aeea4341565369647bd184bcd2"
	  "46f72971f292badaa2fe4124612cba",
	  "1c3bc9e7c4547c5191c0d478cccaed55" },
	/* Botan: SHA-160 OutputLen 4 and 33, SHA-256 OutputLen 33 */
	{ TEE_ALG_CONCAT_KDF_SHA1_DERIVE_KEY,
	  "51373e8b6fdec284db569204ca13d2caa23bd1d85dcab02a",
	  "6c5544797a91115dc3330ebd003851d239a706ff2aa2ab70039c5510ddf06420",
	  "049b3766" },
	{ TEE_ALG_CONCAT_KDF_SHA1_DERIVE_KEY, BOTAN_Z, BOTAN_OI,
	  "176e355aaa4a2209a7cad190d2c76b78b12cdf83add1387709c30750110e5730"
	  "21" },
	{ TEE_ALG_CONCAT_KDF_SHA256_DERIVE_KEY, BOTAN_Z, BOTAN_OI,
	  "9e04ddba94c2c36f8e9b1b6f9b0f4d70a20cf1122dd94ab5724d192ed1939d92"
	  "4d" },
	/* pyca: every digest, one and several blocks, no OtherInfo */
	{ TEE_ALG_CONCAT_KDF_SHA1_DERIVE_KEY, PYCA_Z, PYCA_OI,
	  "d2362678015ecaefab30c2a2939cbb813ac19939d2a5ff0967a216b3c82aae57"
	  "59252665e0059bb8" },
	{ TEE_ALG_CONCAT_KDF_SHA224_DERIVE_KEY, PYCA_Z, PYCA_OI,
	  "6153fea5783460639df365df3c05f693b4c3b83b0f03d5b561c8d761" },
	{ TEE_ALG_CONCAT_KDF_SHA256_DERIVE_KEY, PYCA_Z, PYCA_OI,
	  "4fbafd2fc2db84570249c32284cc2b0badc5ec3a89f03bebcb2e14f5158c9fc5"
	  "c1465887c61e792a9a21c3899a78248103bdfdc64ccc45f92250c00b528eeb6e"
	  "d19ffa6726a8d1aabb2a916528753668" },
	{ TEE_ALG_CONCAT_KDF_SHA384_DERIVE_KEY, PYCA_Z, PYCA_OI,
	  "21c6e1d5d7a83cf82a224423dafd4ec109324d3c8d90711f08df08dea0fbdf30"
	  "df3dee5696354696a9ec27dd43f4f637" },
	{ TEE_ALG_CONCAT_KDF_SHA512_DERIVE_KEY, PYCA_Z, PYCA_OI,
	  "16f98b7de39e94625e47520c0e9b13485b9880cfbf0d57b0d75dbcda72afe345"
	  "e924268d7c44a248a17ef2e133fc8cf175e9907c7d5d7416ea4f5ce70a4ca8bc"
	  "32bb11e1fe52f370a978c7f269a7c0f96c875a0b752871a6f2773228b58596dd"
	  "625fd3a3" },
	{ TEE_ALG_CONCAT_KDF_SHA256_DERIVE_KEY, PYCA_Z, NULL,
	  "5c775df7a891b4bb272d56885c0d6c00" },
};

TEE_Result asym_check_concat_kdf(void)
{
	for (size_t i = 0; i < sizeof(concat_vecs) / sizeof(concat_vecs[0]);
	     i++) {
		const struct concat_vec *v = &concat_vecs[i];
		struct buf dk = hx(v->dk), out;
		TEE_ObjectHandle key = kdf_key(TEE_TYPE_CONCAT_KDF_Z,
					       TEE_ATTR_CONCAT_KDF_Z,
					       hx(v->z));
		TEE_Attribute p[2];
		uint32_t n = 0;

		ACHECK(key);
		if (v->other_info)
			aref(&p[n++], TEE_ATTR_CONCAT_KDF_OTHER_INFO,
			     hx(v->other_info));
		aval(&p[n++], TEE_ATTR_CONCAT_KDF_DKM_LENGTH, (uint32_t)dk.n);
		out = derive(v->alg, key, p, n, dk.n);
		ACHECK(buf_eq(dk, out.p, out.n));
	}
	return TEE_SUCCESS;
}

/* --- results GP gives without a panic ---------------------------------- */

static const uint32_t kdf_algs[] = {
	TEE_ALG_HKDF, TEE_ALG_HKDF_MD5_DERIVE_KEY,
	TEE_ALG_HKDF_SHA1_DERIVE_KEY, TEE_ALG_HKDF_SHA224_DERIVE_KEY,
	TEE_ALG_HKDF_SHA256_DERIVE_KEY, TEE_ALG_HKDF_SHA384_DERIVE_KEY,
	TEE_ALG_HKDF_SHA512_DERIVE_KEY, TEE_ALG_CONCAT_KDF_SHA1_DERIVE_KEY,
	TEE_ALG_CONCAT_KDF_SHA224_DERIVE_KEY,
	TEE_ALG_CONCAT_KDF_SHA256_DERIVE_KEY,
	TEE_ALG_CONCAT_KDF_SHA384_DERIVE_KEY,
	TEE_ALG_CONCAT_KDF_SHA512_DERIVE_KEY,
	TEE_ALG_PBKDF2_HMAC_SHA1_DERIVE_KEY,
};

TEE_Result asym_check_kdf_errors(void)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_ObjectHandle o = TEE_HANDLE_NULL, c;
	TEE_ObjectInfo info;
	struct buf pw;

	for (size_t i = 0; i < sizeof(kdf_algs) / sizeof(kdf_algs[0]); i++) {
		ARES(TEE_IsAlgorithmSupported(kdf_algs[i],
					      TEE_CRYPTO_ELEMENT_NONE),
		     TEE_SUCCESS);
		ARES(TEE_IsAlgorithmSupported(kdf_algs[i],
					      TEE_ECC_CURVE_NIST_P256),
		     TEE_ERROR_NOT_SUPPORTED);
		/* Derivation only; sizes beyond 4096 bits or not bytes. */
		ARES(TEE_AllocateOperation(&op, kdf_algs[i], TEE_MODE_ENCRYPT,
					   256), TEE_ERROR_NOT_SUPPORTED);
		ARES(TEE_AllocateOperation(&op, kdf_algs[i], TEE_MODE_MAC,
					   256), TEE_ERROR_NOT_SUPPORTED);
		ARES(TEE_AllocateOperation(&op, kdf_algs[i], TEE_MODE_DERIVE,
					   4104), TEE_ERROR_NOT_SUPPORTED);
		ARES(TEE_AllocateOperation(&op, kdf_algs[i], TEE_MODE_DERIVE,
					   12), TEE_ERROR_NOT_SUPPORTED);
		ACHECK(op == TEE_HANDLE_NULL);
		ARES(TEE_AllocateOperation(&op, kdf_algs[i], TEE_MODE_DERIVE,
					   4096), TEE_SUCCESS);
		TEE_FreeOperation(op);
		op = TEE_HANDLE_NULL;
	}
	/* The GP HKDF key has at least a byte; OP-TEE's may be empty. */
	ARES(TEE_AllocateOperation(&op, TEE_ALG_HKDF, TEE_MODE_DERIVE, 0),
	     TEE_ERROR_NOT_SUPPORTED);
	ARES(TEE_AllocateTransientObject(TEE_TYPE_HKDF, 0, &o),
	     TEE_ERROR_NOT_SUPPORTED);
	ARES(TEE_AllocateTransientObject(TEE_TYPE_HKDF_IKM, 4104, &o),
	     TEE_ERROR_NOT_SUPPORTED);
	ARES(TEE_AllocateTransientObject(TEE_TYPE_CONCAT_KDF_Z, 12, &o),
	     TEE_ERROR_NOT_SUPPORTED);
	ARES(TEE_AllocateTransientObject(TEE_TYPE_PBKDF2_PASSWORD, 4097, &o),
	     TEE_ERROR_NOT_SUPPORTED);
	ACHECK(o == TEE_HANDLE_NULL);
	o = kdf_key(TEE_TYPE_HKDF_IKM, TEE_ATTR_HKDF_IKM, no_buf);
	ACHECK(o);
	ARES(TEE_GetObjectInfo1(o, &info), TEE_SUCCESS);
	ACHECK(info.objectType == TEE_TYPE_HKDF_IKM && info.objectSize == 0 &&
	       info.maxObjectSize == 8);
	o = kdf_key(TEE_TYPE_PBKDF2_PASSWORD, TEE_ATTR_PBKDF2_PASSWORD,
		    hx("70617373776f7264"));
	c = obj_new(TEE_TYPE_PBKDF2_PASSWORD, 128);
	ACHECK(o && c);
	ARES(TEE_GetObjectInfo1(o, &info), TEE_SUCCESS);
	ACHECK(info.objectType == TEE_TYPE_PBKDF2_PASSWORD &&
	       info.objectSize == 64);
	/* A copy holds the password in the same attribute. */
	ARES(TEE_CopyObjectAttributes1(c, o), TEE_SUCCESS);
	pw = obj_attr(c, TEE_ATTR_PBKDF2_PASSWORD);
	ACHECK(buf_eq(hx("70617373776f7264"), pw.p, pw.n));
	/* Too big for the object: BAD_PARAMETERS, as for any secret. */
	o = obj_new(TEE_TYPE_CONCAT_KDF_Z, 64);
	ACHECK(o);
	ARES(TEE_GenerateKey(o, 128, NULL, 0), TEE_ERROR_BAD_PARAMETERS);
	ARES(TEE_GenerateKey(o, 64, NULL, 0), TEE_SUCCESS);
	ACHECK(obj_attr(o, TEE_ATTR_CONCAT_KDF_Z).n == 8);
	return TEE_SUCCESS;
}

/* --- misuse GP answers with a panic ------------------------------------ */

/* An HKDF-SHA256 operation keyed with RFC 5869 test 1's IKM. */
static TEE_OperationHandle hkdf_op(uint32_t alg)
{
	TEE_ObjectHandle key = kdf_key(alg == TEE_ALG_HKDF ? TEE_TYPE_HKDF :
				       TEE_TYPE_HKDF_IKM,
				       alg == TEE_ALG_HKDF ?
				       TEE_ATTR_SECRET_VALUE :
				       TEE_ATTR_HKDF_IKM, hx(IKM_0B22));

	return key ? op_with(alg, TEE_MODE_DERIVE, 256, key) : TEE_HANDLE_NULL;
}

/* A derivation that must panic: alg keyed by hkdf_op, into out. */
static TEE_Result must_panic(uint32_t alg, const TEE_Attribute *p,
			     uint32_t n, TEE_ObjectHandle out)
{
	TEE_OperationHandle op = hkdf_op(alg);

	ACHECK(op && out);
	TEE_DeriveKey(op, p, n, out);
	return TEE_SUCCESS;
}

static TEE_Result kdf_input_panic(uint32_t which)
{
	TEE_ObjectHandle s = obj_new(TEE_TYPE_GENERIC_SECRET, 256), key;
	TEE_OperationHandle op;
	TEE_Attribute p[3];

	switch (which) {
	case ASYM_KDF_PANIC_PBKDF2_NO_ITER:
	case ASYM_KDF_PANIC_PBKDF2_ZERO_ITER:
	case ASYM_KDF_PANIC_PBKDF2_NO_LENGTH:
		key = kdf_key(TEE_TYPE_PBKDF2_PASSWORD,
			      TEE_ATTR_PBKDF2_PASSWORD, hx("70617373776f7264"));
		op = key ? op_with(TEE_ALG_PBKDF2_HMAC_SHA1_DERIVE_KEY,
				   TEE_MODE_DERIVE, 64, key) : TEE_HANDLE_NULL;
		ACHECK(op && s);
		aref(&p[0], TEE_ATTR_PBKDF2_SALT, hx("73616c74"));
		aval(&p[1], TEE_ATTR_PBKDF2_ITERATION_COUNT,
		     which == ASYM_KDF_PANIC_PBKDF2_ZERO_ITER ? 0 : 1);
		aval(&p[2], TEE_ATTR_PBKDF2_DKM_LENGTH, 20);
		if (which == ASYM_KDF_PANIC_PBKDF2_NO_ITER)
			p[1] = p[0];
		TEE_DeriveKey(op, p, which == ASYM_KDF_PANIC_PBKDF2_NO_LENGTH ?
				     2 : 3, s);
		break;
	case ASYM_KDF_PANIC_CONCAT_NO_LENGTH:
	case ASYM_KDF_PANIC_CONCAT_EMPTY_Z:
		key = kdf_key(TEE_TYPE_CONCAT_KDF_Z, TEE_ATTR_CONCAT_KDF_Z,
			      which == ASYM_KDF_PANIC_CONCAT_EMPTY_Z ? no_buf :
			      hx(PYCA_Z));
		op = key ? op_with(TEE_ALG_CONCAT_KDF_SHA256_DERIVE_KEY,
				   TEE_MODE_DERIVE, 256, key) :
			   TEE_HANDLE_NULL;
		ACHECK(op && s);
		aref(&p[0], TEE_ATTR_CONCAT_KDF_OTHER_INFO, hx(PYCA_OI));
		aval(&p[1], TEE_ATTR_CONCAT_KDF_DKM_LENGTH, 16);
		TEE_DeriveKey(op, p, which == ASYM_KDF_PANIC_CONCAT_EMPTY_Z ?
				     2 : 1, s);
		break;
	case ASYM_KDF_PANIC_POPULATE_ATTR:
		(void)kdf_key(TEE_TYPE_HKDF_IKM, TEE_ATTR_SECRET_VALUE,
			      hx(IKM_0B22));
		break;
	case ASYM_KDF_PANIC_NO_DERIVE_USAGE:
		key = kdf_key(TEE_TYPE_HKDF_IKM, TEE_ATTR_HKDF_IKM,
			      hx(IKM_0B22));
		ACHECK(key);
		ARES(TEE_RestrictObjectUsage1(key, TEE_USAGE_EXTRACTABLE),
		     TEE_SUCCESS);
		(void)op_with(TEE_ALG_HKDF_SHA256_DERIVE_KEY, TEE_MODE_DERIVE,
			      256, key);
		break;
	default:
		break;
	}
	return TEE_SUCCESS;
}

TEE_Result asym_do_kdf_panic(uint32_t which)
{
	TEE_ObjectHandle s = obj_new(TEE_TYPE_GENERIC_SECRET, 256), o;
	const uint32_t okm = TEE_ALG_HKDF_SHA256_DERIVE_KEY;
	TEE_OperationHandle op;
	TEE_Attribute p[3];

	ACHECK(s);
	aref(&p[0], __OPTEE_TEE_ATTR_HKDF_SALT, hx(SALT_13));
	aval(&p[1], TEE_ATTR_HKDF_OKM_LENGTH, 32);
	switch (which) {
	case ASYM_KDF_PANIC_NONE:
		ASUB(must_panic(okm, p, 2, s));	/* the control: no panic */
		return TEE_SUCCESS;
	case ASYM_KDF_PANIC_HKDF_NO_LENGTH:
		ASUB(must_panic(okm, p, 1, s));
		break;
	case ASYM_KDF_PANIC_HKDF_ZERO_LENGTH:
		aval(&p[1], TEE_ATTR_HKDF_OKM_LENGTH, 0);
		ASUB(must_panic(okm, p, 2, s));
		break;
	case ASYM_KDF_PANIC_OUT_TOO_SMALL:
		aval(&p[1], TEE_ATTR_HKDF_OKM_LENGTH, 64);
		ASUB(must_panic(okm, p, 2, s));
		break;
	case ASYM_KDF_PANIC_UNKNOWN_ATTR:
		aref(&p[2], TEE_ATTR_PBKDF2_SALT, hx(SALT_13));
		ASUB(must_panic(okm, p, 3, s));
		break;
	case ASYM_KDF_PANIC_HASH_ON_OPTEE_ID:
		aval(&p[2], TEE_ATTR_HKDF_HASH_ALGORITHM, TEE_ALG_SHA256);
		ASUB(must_panic(okm, p, 3, s));
		break;
	case ASYM_KDF_PANIC_GP_BAD_HASH:
		aval(&p[2], TEE_ATTR_HKDF_HASH_ALGORITHM, TEE_ALG_SHAKE128);
		ASUB(must_panic(TEE_ALG_HKDF, p, 3, s));
		break;
	case ASYM_KDF_PANIC_GP_SIZE_BITS:
		aval(&p[1], TEE_ATTR_KDF_KEY_SIZE, 12);
		ASUB(must_panic(TEE_ALG_HKDF, p, 2, s));
		break;
	case ASYM_KDF_PANIC_GP_SIZES_DIFFER:
		aval(&p[2], TEE_ATTR_KDF_KEY_SIZE, 128);
		ASUB(must_panic(TEE_ALG_HKDF, p, 3, s));
		break;
	case ASYM_KDF_PANIC_WRONG_KEY_TYPE:
		o = kdf_key(TEE_TYPE_GENERIC_SECRET, TEE_ATTR_SECRET_VALUE,
			    hx(IKM_0B22));
		ACHECK(o);
		(void)op_with(okm, TEE_MODE_DERIVE, 256, o);
		break;
	case ASYM_KDF_PANIC_NO_KEY:
		op = op_with(okm, TEE_MODE_DERIVE, 256, TEE_HANDLE_NULL);
		ACHECK(op);
		TEE_DeriveKey(op, p, 2, s);
		break;
	case ASYM_KDF_PANIC_DERIVED_INITIALIZED:
		/* 256 bits: big enough, but already holding a key. */
		o = kdf_key(TEE_TYPE_GENERIC_SECRET, TEE_ATTR_SECRET_VALUE,
			    hx(PYCA_Z));
		ASUB(must_panic(okm, p, 2, o));
		break;
	case ASYM_KDF_PANIC_DERIVED_NOT_SECRET:
		ASUB(must_panic(okm, p, 2, obj_new(TEE_TYPE_RSA_KEYPAIR, 512)));
		break;
	case ASYM_KDF_PANIC_DERIVED_BAD_SIZE:
		aval(&p[1], TEE_ATTR_HKDF_OKM_LENGTH, 20);
		ASUB(must_panic(okm, p, 2, obj_new(TEE_TYPE_AES, 256)));
		break;
	case ASYM_KDF_PANIC_NULL_PARAMS:
		ASUB(must_panic(okm, NULL, 2, s));
		break;
	case ASYM_KDF_PANIC_NULL_BUFFER:
		TEE_InitRefAttribute(&p[0], __OPTEE_TEE_ATTR_HKDF_SALT, NULL,
				     5);
		ASUB(must_panic(okm, p, 2, s));
		break;
	default:
		ASUB(kdf_input_panic(which));
		break;
	}
	/* Still here: the call that had to panic did not. */
	asym_fail.where = ASYM_WHERE;
	return TEE_ERROR_GENERIC;
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* The device key of secure storage and the keys derived from it per TA. */
#define _GNU_SOURCE
#include "storage.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include "log.h"
#include "util.h"

static struct {
	pthread_mutex_t lock;
	bool ready;
	uint8_t key[STOR_KEY_LEN];
} dev = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* Fixed salt: separates these derivations from any other use of the key. */
static const char stor_salt[] = "softee secure storage v1";

void stor_key_wipe(void *p, size_t len)
{
	OPENSSL_cleanse(p, len);
}

void stor_key_set(const uint8_t key[STOR_KEY_LEN])
{
	pthread_mutex_lock(&dev.lock);
	memcpy(dev.key, key, STOR_KEY_LEN);
	dev.ready = true;
	pthread_mutex_unlock(&dev.lock);
}

bool stor_key_ready(void)
{
	bool r;

	pthread_mutex_lock(&dev.lock);
	r = dev.ready;
	pthread_mutex_unlock(&dev.lock);
	return r;
}

static int stor_key_create(const char *path)
{
	uint8_t key[STOR_KEY_LEN];
	size_t got = 0;
	int fd, rc;

	while (got < sizeof(key)) {
		ssize_t n = getrandom(key + got, sizeof(key) - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		got += (size_t)n;
	}
	/* O_EXCL: never replace a key another process just wrote. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		  0600);
	if (fd < 0) {
		rc = -errno;
		stor_key_wipe(key, sizeof(key));
		return rc;
	}
	rc = write_full(fd, key, sizeof(key));
	if (!rc && fsync(fd) < 0)
		rc = -errno;
	close(fd);
	if (rc) {
		unlink(path);
		stor_key_wipe(key, sizeof(key));
		return rc;
	}
	stor_key_set(key);
	stor_key_wipe(key, sizeof(key));
	IMSG_LOG("secure storage: created device key %s", path);
	return 0;
}

int stor_key_init(const char *path)
{
	uint8_t key[STOR_KEY_LEN];
	struct stat st;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		if (errno != ENOENT)
			return -errno;
		rc = stor_key_create(path);
		/* Lost a race with another creator: read theirs. */
		if (rc != -EEXIST)
			return rc;
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			return -errno;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size != STOR_KEY_LEN) {
		close(fd);
		return -EINVAL;
	}
	if (st.st_mode & 077)
		WMSG("secure storage key %s is readable by others (mode %o)",
		     path, (unsigned int)(st.st_mode & 0777));
	rc = read_full(fd, key, sizeof(key));
	close(fd);
	if (rc)
		return rc;
	stor_key_set(key);
	stor_key_wipe(key, sizeof(key));
	return 0;
}

/* HKDF-SHA256(device key, salt, info) -> out_len bytes. */
static int stor_hkdf(const uint8_t key[STOR_KEY_LEN], const void *info,
		     size_t info_len, uint8_t *out, size_t out_len)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	OSSL_PARAM p[5];
	int rc = -EIO;

	if (!ctx)
		goto out;
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						(char *)"SHA256", 0);
	p[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						 (void *)key, STOR_KEY_LEN);
	p[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
						 (void *)stor_salt,
						 sizeof(stor_salt) - 1);
	p[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
						 (void *)info, info_len);
	p[4] = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(ctx, out, out_len, p) == 1)
		rc = 0;
out:
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return rc;
}

/* info = label || vm_id (LE) || uuid: every VM and TA gets its own. */
static size_t stor_kdf_info(uint8_t *buf, const char *label, uint32_t vm_id,
			const uint8_t uuid[16])
{
	size_t l = strlen(label);

	memcpy(buf, label, l);
	for (int i = 0; i < 4; i++)
		buf[l + i] = (uint8_t)(vm_id >> (8 * i));
	if (uuid)
		memcpy(buf + l + 4, uuid, 16);
	return l + 4 + (uuid ? 16 : 0);
}

int stor_key_derive(uint32_t vm_id, const uint8_t uuid[16],
		    struct stor_ta_keys *out)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t key[STOR_KEY_LEN], info[64], name[STOR_DIRNAME_LEN / 2];
	size_t n;
	int rc;

	pthread_mutex_lock(&dev.lock);
	if (!dev.ready) {
		pthread_mutex_unlock(&dev.lock);
		return -EIO;
	}
	memcpy(key, dev.key, sizeof(key));
	pthread_mutex_unlock(&dev.lock);

	n = stor_kdf_info(info, "ta key", vm_id, uuid);
	rc = stor_hkdf(key, info, n, out->enc, sizeof(out->enc));
	if (!rc) {
		n = stor_kdf_info(info, "ta dir", vm_id, uuid);
		rc = stor_hkdf(key, info, n, name, sizeof(name));
	}
	if (!rc) {
		/* Names the device key only: no VM or TA in it. */
		memcpy(info, "key id", 6);
		rc = stor_hkdf(key, info, 6, out->key_id, sizeof(out->key_id));
	}
	stor_key_wipe(key, sizeof(key));
	if (rc) {
		stor_key_wipe(out, sizeof(*out));
		return rc;
	}
	for (size_t i = 0; i < sizeof(name); i++) {
		out->dir[2 * i] = hex[name[i] >> 4];
		out->dir[2 * i + 1] = hex[name[i] & 15];
	}
	out->dir[STOR_DIRNAME_LEN] = '\0';
	return 0;
}

// SPDX-License-Identifier: BSD-2-Clause
/* softee-sign: wrap a TA's ELF into a signed <uuid>.ta image. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "softee_ta_image.h"
#include "util.h"

static int sign_read_file(const char *path, size_t max, void **out,
			  size_t *len)
{
	struct stat st;
	void *buf;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st)) {
		rc = -errno;
		goto out;
	}
	/* Distinct errors, so the message says what is wrong with the file. */
	if (!S_ISREG(st.st_mode)) {
		rc = -EINVAL;
		goto out;
	}
	if (st.st_size <= 0) {
		rc = -ENODATA;
		goto out;
	}
	if ((uint64_t)st.st_size > max) {
		rc = -EFBIG;
		goto out;
	}
	buf = malloc((size_t)st.st_size);
	if (!buf) {
		rc = -ENOMEM;
		goto out;
	}
	rc = read_full(fd, buf, (size_t)st.st_size);
	if (rc) {
		free(buf);
		goto out;
	}
	*out = buf;
	*len = (size_t)st.st_size;
out:
	close(fd);
	return rc;
}

/* Write via a temporary file so a failed sign never leaves half a .ta. */
static int sign_write_file(const char *path, const void *buf, size_t len)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 8);
	int fd, rc;

	if (!tmp)
		return -ENOMEM;
	snprintf(tmp, plen + 8, "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc = -errno;
		goto out;
	}
	rc = write_full(fd, buf, len);
	if (close(fd) && !rc)
		rc = -errno;
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc)
		unlink(tmp);
out:
	free(tmp);
	return rc;
}

static void sign_usage(FILE *f)
{
	fprintf(f,
		"usage: softee-sign --key PEM --uuid UUID --in ELF --out FILE.ta\n"
		"Signs ELF with the Ed25519 private key PEM as the TA UUID.\n");
}

int main(int argc, char **argv)
{
	const char *key = NULL, *uuid_s = NULL, *in = NULL, *out = NULL;
	void *keybuf = NULL, *elf = NULL, *img = NULL;
	size_t keylen = 0, elflen = 0, imglen = 0;
	uint8_t uuid[16];
	char msg[256] = "";
	int i, rc, status = 1;

	for (i = 1; i < argc; i++) {
		const char **dst = NULL;

		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			sign_usage(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--key"))
			dst = &key;
		else if (!strcmp(argv[i], "--uuid"))
			dst = &uuid_s;
		else if (!strcmp(argv[i], "--in"))
			dst = &in;
		else if (!strcmp(argv[i], "--out"))
			dst = &out;
		if (!dst || i + 1 >= argc) {
			sign_usage(stderr);
			return 2;
		}
		*dst = argv[++i];
	}
	if (!key || !uuid_s || !in || !out) {
		sign_usage(stderr);
		return 2;
	}
	if (uuid_str_to_octets(uuid_s, uuid)) {
		fprintf(stderr, "softee-sign: bad UUID '%s'\n", uuid_s);
		return 2;
	}
	rc = sign_read_file(key, 1 << 20, &keybuf, &keylen);
	if (rc) {
		fprintf(stderr, "softee-sign: cannot read key %s: %s\n", key,
			strerror(-rc));
		goto out;
	}
	rc = sign_read_file(in, SOFTEE_TA_IMG_MAX_SIZE, &elf, &elflen);
	if (rc) {
		fprintf(stderr, "softee-sign: cannot read %s: %s\n", in,
			strerror(-rc));
		goto out;
	}
	rc = ta_image_sign(elf, elflen, uuid, keybuf, keylen, &img, &imglen,
			   msg, sizeof(msg));
	if (rc) {
		fprintf(stderr, "softee-sign: signing failed: %s\n",
			msg[0] ? msg : strerror(-rc));
		goto out;
	}
	rc = sign_write_file(out, img, imglen);
	if (rc) {
		fprintf(stderr, "softee-sign: cannot write %s: %s\n", out,
			strerror(-rc));
		goto out;
	}
	status = 0;
out:
	free(img);
	free(elf);
	free(keybuf);
	return status;
}

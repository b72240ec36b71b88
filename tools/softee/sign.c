/* SPDX-License-Identifier: BSD-2-Clause */
/* `softee sign`: wrap a TA's ELF into a signed <uuid>.ta image. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "softee_ta_image.h"
#include "util.h"

static void sign_usage(FILE *f)
{
	fprintf(f, "usage: softee sign --key PEM --uuid UUID --in ELF --out FILE.ta\n"
		"Signs ELF with the Ed25519 private key PEM for the TA UUID.\n");
}

int cli_cmd_sign(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "uuid", required_argument, NULL, 'u' },
		{ "in", required_argument, NULL, 'i' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *key = NULL, *uuid_s = NULL, *in = NULL, *out = NULL;
	char *key_buf = NULL, *elf = NULL;
	size_t key_len = 0, elf_len = 0, img_len = 0;
	void *img = NULL;
	uint8_t uuid[16];
	char msg[256] = "";
	int status = 1;
	int rc;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'k': key = optarg; break;
		case 'u': uuid_s = optarg; break;
		case 'i': in = optarg; break;
		case 'o': out = optarg; break;
		case 'h':
			sign_usage(stdout);
			return 0;
		default:
			sign_usage(stderr);
			return 1;
		}
	}
	if (!key || !uuid_s || !in || !out || optind != argc) {
		sign_usage(stderr);
		return 1;
	}
	if (uuid_str_to_octets(uuid_s, uuid)) {
		fprintf(stderr, CLI_PROG " sign: bad UUID '%s'\n", uuid_s);
		return 1;
	}
	rc = cli_read_file(key, 1U << 16, &key_buf, &key_len);
	if (rc) {
		fprintf(stderr, CLI_PROG " sign: cannot read key %s: %s\n", key,
			strerror(-rc));
		goto out;
	}
	rc = cli_read_file(in, SOFTEE_TA_IMG_MAX_SIZE, &elf, &elf_len);
	if (rc) {
		fprintf(stderr, CLI_PROG " sign: cannot read %s: %s\n", in,
			strerror(-rc));
		goto out;
	}
	rc = ta_image_sign(elf, elf_len, uuid, key_buf, key_len, &img, &img_len,
			   msg, sizeof(msg));
	if (rc) {
		fprintf(stderr, CLI_PROG " sign: %s: %s\n", in,
			msg[0] ? msg : strerror(-rc));
		goto out;
	}
	rc = cli_write_file(out, img, img_len, 0644);
	if (rc) {
		fprintf(stderr, CLI_PROG " sign: cannot write %s: %s\n", out,
			strerror(-rc));
		goto out;
	}
	status = 0;
out:
	free(img);
	free(elf);
	free(key_buf);
	return status;
}

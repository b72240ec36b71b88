/* SPDX-License-Identifier: BSD-2-Clause */
/* The secure storage client (storage.c, storage_gp.c, storage_files.c). */
#ifndef SOFTEE_TEST_STORAGE_H
#define SOFTEE_TEST_STORAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_client_api.h>

#include "softee_storage_ta.h"

extern const TEEC_UUID stor_uuid1, stor_uuid2;

/* A session to one of the storage TAs (1 or 2); false after a message. */
bool stor_open(TEEC_Context *ctx, TEEC_Session *s, int which);
void stor_close(TEEC_Session *s);

/*
 * Invoke cmd with up to three params given as types and TEEC_Parameter;
 * returns the TEEC result (origin ignored).
 */
TEEC_Result stor_invoke(TEEC_Session *s, uint32_t cmd, uint32_t types,
			TEEC_Parameter *p);

/* Convenience commands of the TA (id is a C string). */
TEEC_Result stor_create(TEEC_Session *s, const char *id, const void *data,
			size_t len, uint32_t flags);
TEEC_Result stor_read(TEEC_Session *s, const char *id, void *buf, size_t cap,
		      size_t *len);
TEEC_Result stor_write(TEEC_Session *s, const char *id, const void *data,
		       size_t len, uint32_t off);
TEEC_Result stor_open_res(TEEC_Session *s, const char *id, uint32_t flags);
TEEC_Result stor_delete(TEEC_Session *s, const char *id);
/* Ids listed by the TA, as one "id\n" string per object (malloc'd). */
TEEC_Result stor_list(TEEC_Session *s, char **out, uint32_t *count);

/* Subcommands. */
int stor_cmd_gp(void);
int stor_cmd_persist_write(void);
int stor_cmd_persist_check(void);
int stor_cmd_isolation(void);
int stor_cmd_tamper(const char *fs_dir);
int stor_cmd_dirf_prep(const char *fs_dir);
int stor_cmd_dirf_check(void);
int stor_cmd_crash_writer(const char *id, int large);
int stor_cmd_crash_check(const char *label, const char *id, uint32_t acked);

/* GP results the Client API header does not name. */
#define TEEC_ERROR_CORRUPT_OBJECT	0xF0100001U

/* The plaintext marker that must appear in no file. */
#define STOR_MARKER	"SOFTEE-PLAINTEXT-MARKER-5eed"

#endif /* SOFTEE_TEST_STORAGE_H */

/* SPDX-License-Identifier: BSD-2-Clause */
/* GP behaviour tests and panics of the storage test TA (softee_storage_tests.c). */
#ifndef SOFTEE_STORAGE_TESTS_H
#define SOFTEE_STORAGE_TESTS_H

#include <stddef.h>
#include <stdint.h>
#include <tee_internal_api.h>

/* Run STOR_TEST_* test; on failure *line and *got tell where and what. */
TEE_Result stor_run_test(uint32_t test, uint32_t *line, uint32_t *got);
/* Do the misuse STOR_PANIC_* names; returns only if GP did not panic. */
TEE_Result stor_run_panic(uint32_t which);
/* Store the NIST AES-128 key under id / check that id encrypts right. */
TEE_Result stor_key_store(const void *id, size_t id_len);
TEE_Result stor_key_check(const void *id, size_t id_len);

#endif /* SOFTEE_STORAGE_TESTS_H */

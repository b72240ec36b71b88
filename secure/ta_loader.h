/* SPDX-License-Identifier: BSD-2-Clause */
/* Loading a TA image through the supplicant and verifying its signature. */
#ifndef SOFTEE_SECURE_TA_LOADER_H
#define SOFTEE_SECURE_TA_LOADER_H

#include <stdint.h>

#include "thread.h"

/*
 * Fetch <uuid>.ta with LOAD_TA RPCs, verify it, and return a sealed memfd
 * holding the ELF in *elf_fd. -ENOENT (no such TA), -EACCES (signature,
 * hash or UUID check failed), -ENOMEM, -EIO.
 */
int ta_loader_load(struct sw_thread *t, const uint8_t uuid[16], int *elf_fd);

/* Read the public key file into sw_cfg. 0 or -errno. */
int ta_loader_read_pubkey(const char *path);

#endif

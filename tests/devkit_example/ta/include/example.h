/* SPDX-License-Identifier: BSD-2-Clause */
/* Functions shared by the files of the example TA. */
#ifndef EXAMPLE_H
#define EXAMPLE_H

#include <stddef.h>
#include <tee_internal_api.h>

/* "key=value ..." of how the file was compiled; snprintf's result. */
int example_util_info(char *buf, size_t len);
int example_props_info(char *buf, size_t len);
/* The TA's own properties as text lines in buf (p0 of PROPERTIES). */
TEE_Result example_properties(char *buf, size_t *len);

#endif /* EXAMPLE_H */

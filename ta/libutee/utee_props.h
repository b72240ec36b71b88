/* SPDX-License-Identifier: BSD-2-Clause */
/* The three GP property sets as tables the property functions walk. */
#ifndef UTEE_PROPS_H
#define UTEE_PROPS_H

#include <stddef.h>
#include <tee_api_types.h>
#include <user_ta_header.h>

/* Which set: an index, not the GP pseudo handle. */
enum utee_propset { UTEE_PROPSET_TA, UTEE_PROPSET_CLIENT, UTEE_PROPSET_TEE };

/* Map a GP pseudo handle to a set; -EINVAL if it is not one. */
int utee_propset_from_handle(TEE_PropSetHandle h, enum utee_propset *set);

/*
 * Property number idx of set into *prop (value points at storage that
 * lives until the session or TA changes). -ENOENT past the end.
 */
int utee_prop_at(enum utee_propset set, size_t idx,
		 struct user_ta_property *prop);
/* First property called name; -ENOENT if none. */
int utee_prop_find(enum utee_propset set, const char *name,
		   struct user_ta_property *prop);

/* Decode base64 text into out (cap bytes); returns length or -errno. */
long utee_base64_decode(const char *in, void *out, size_t cap);

#endif /* UTEE_PROPS_H */

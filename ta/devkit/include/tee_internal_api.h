/* SPDX-License-Identifier: BSD-2-Clause */
/* The header a TA includes to get the whole GP TEE Internal Core API. */
#ifndef TEE_INTERNAL_API_H
#define TEE_INTERNAL_API_H

#include <compiler.h>
#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <tee_api.h>
#include <tee_arith_internal.h>
#include <tee_ta_api.h>
#include <trace.h>

#endif /* TEE_INTERNAL_API_H */

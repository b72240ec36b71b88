// SPDX-License-Identifier: BSD-2-Clause
/*
 * Compiled into every TA with the TA's include path: turns the TA's
 * user_ta_header_defines.h into the head softee-ta reads after loading.
 */
#include <stdbool.h>
#include <stdint.h>
#include <tee_internal_api.h>
#include <user_ta_header.h>
#include <user_ta_header_defines.h>

#ifndef TA_UUID
#error "user_ta_header_defines.h must define TA_UUID"
#endif
#ifndef TA_FLAGS
#error "user_ta_header_defines.h must define TA_FLAGS"
#endif
#ifndef TA_STACK_SIZE
#error "user_ta_header_defines.h must define TA_STACK_SIZE"
#endif
#ifndef TA_DATA_SIZE
#error "user_ta_header_defines.h must define TA_DATA_SIZE"
#endif
#ifndef TA_VERSION
#define TA_VERSION "Undefined version"
#endif
#ifndef TA_DESCRIPTION
#define TA_DESCRIPTION "Undefined description"
#endif

static const struct user_ta_property softee_ta_props[] = {
	{ TA_PROP_STR_SINGLE_INSTANCE, USER_TA_PROP_TYPE_BOOL,
	  &(const bool){ (TA_FLAGS & TA_FLAG_SINGLE_INSTANCE) != 0 } },
	{ TA_PROP_STR_MULTI_SESSION, USER_TA_PROP_TYPE_BOOL,
	  &(const bool){ (TA_FLAGS & TA_FLAG_MULTI_SESSION) != 0 } },
	{ TA_PROP_STR_KEEP_ALIVE, USER_TA_PROP_TYPE_BOOL,
	  &(const bool){ (TA_FLAGS & TA_FLAG_INSTANCE_KEEP_ALIVE) != 0 } },
	{ TA_PROP_STR_DATA_SIZE, USER_TA_PROP_TYPE_U32,
	  &(const uint32_t){ TA_DATA_SIZE } },
	{ TA_PROP_STR_STACK_SIZE, USER_TA_PROP_TYPE_U32,
	  &(const uint32_t){ TA_STACK_SIZE } },
	{ TA_PROP_STR_VERSION, USER_TA_PROP_TYPE_STRING, TA_VERSION },
	{ TA_PROP_STR_DESCRIPTION, USER_TA_PROP_TYPE_STRING, TA_DESCRIPTION },
#ifdef TA_CURRENT_TA_EXT_PROPERTIES
	TA_CURRENT_TA_EXT_PROPERTIES
#endif
};

__attribute__((visibility("default")))
const struct softee_ta_head softee_ta_head = {
	.magic = SOFTEE_TA_HEAD_MAGIC,
	.version = 1,
	.uuid = TA_UUID,
	.flags = TA_FLAGS,
	.stack_size = TA_STACK_SIZE,
	.data_size = TA_DATA_SIZE,
	.num_props = sizeof(softee_ta_props) / sizeof(softee_ta_props[0]),
	.props = softee_ta_props,
};

// SPDX-License-Identifier: BSD-2-Clause
/*
 * The dev kit example TA: a hello-world style counter, a report of how
 * the dev kit compiled its files (sub.mk flags, include dirs, CFG_
 * variables), its own properties, and trace output at every level.
 */
#include <stdio.h>
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include <devkit_example_ta.h>
#include <example_util.h>

#include "example.h"

#ifndef EXAMPLE_ONLY_MAIN
#define EXAMPLE_ONLY_MAIN -1
#endif
#ifndef EXAMPLE_REMOVED_LATER
#define EXAMPLE_REMOVED_LATER 0
#endif
#ifdef EXAMPLE_UTIL_FLAG
#define MAIN_SEES_UTIL_FLAG 1
#else
#define MAIN_SEES_UTIL_FLAG 0
#endif
#if __has_include(<util_priv.h>)
#define MAIN_SEES_PRIV 1
#else
#define MAIN_SEES_PRIV 0
#endif
#ifndef CFG_TA_EXAMPLE_FEATURE
#define CFG_TA_EXAMPLE_FEATURE 0
#endif
#ifndef EXAMPLE_FEATURE_FROM_SUBMK
#define EXAMPLE_FEATURE_FROM_SUBMK 0
#endif

TEE_Result TA_CreateEntryPoint(void)
{
	DMSG("has been called");
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	DMSG("has been called");
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param __maybe_unused params[4],
				    void __maybe_unused **sess_ctx)
{
	uint32_t exp_param_types = TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE,
						   TEE_PARAM_TYPE_NONE,
						   TEE_PARAM_TYPE_NONE,
						   TEE_PARAM_TYPE_NONE);

	if (param_types != exp_param_types)
		return TEE_ERROR_BAD_PARAMETERS;
	IMSG("Hello from the dev kit example!");
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void __maybe_unused *sess_ctx)
{
	IMSG("Goodbye!");
}

static TEE_Result inc_value(uint32_t param_types, TEE_Param params[4])
{
	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	params[0].value.a++;
	return TEE_SUCCESS;
}

/* p0 gets one line: this file's view, then props and util's. */
static TEE_Result build_info(uint32_t param_types, TEE_Param params[4])
{
	char *buf = params[0].memref.buffer;
	size_t cap = params[0].memref.size, used;
	char tmp[256];
	int n;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	n = snprintf(tmp, sizeof(tmp), "main_only=%d main_removed=%d "
		     "main_util_flag=%d main_priv=%d feature=%d submk_feature=%d "
		     "trace_level=%d log_level=%d lib_hash=%08x ",
		     EXAMPLE_ONLY_MAIN, EXAMPLE_REMOVED_LATER,
		     MAIN_SEES_UTIL_FLAG, MAIN_SEES_PRIV,
		     CFG_TA_EXAMPLE_FEATURE, EXAMPLE_FEATURE_FROM_SUBMK,
		     TRACE_LEVEL, CFG_TEE_TA_LOG_LEVEL,
		     (unsigned int)example_util_hash("softee"));
	if (n < 0 || (size_t)n >= sizeof(tmp))
		return TEE_ERROR_GENERIC;
	used = (size_t)n;
	n = example_props_info(tmp + used, sizeof(tmp) - used);
	if (n < 0 || (size_t)n >= sizeof(tmp) - used - 1)
		return TEE_ERROR_GENERIC;
	used += (size_t)n;
	tmp[used++] = ' ';
	n = example_util_info(tmp + used, sizeof(tmp) - used);
	if (n < 0 || (size_t)n >= sizeof(tmp) - used)
		return TEE_ERROR_GENERIC;
	used += (size_t)n + 1;
	params[0].memref.size = used;
	if (!buf || cap < used)
		return TEE_ERROR_SHORT_BUFFER;
	memcpy(buf, tmp, used);
	return TEE_SUCCESS;
}

static TEE_Result properties(uint32_t param_types, TEE_Param params[4])
{
	size_t len = params[0].memref.size;
	TEE_Result res;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE) ||
	    !params[0].memref.buffer)
		return TEE_ERROR_BAD_PARAMETERS;
	res = example_properties(params[0].memref.buffer, &len);
	if (res == TEE_SUCCESS)
		params[0].memref.size = len;
	return res;
}

TEE_Result TA_InvokeCommandEntryPoint(void __maybe_unused *sess_ctx,
				      uint32_t cmd_id, uint32_t param_types,
				      TEE_Param params[4])
{
	switch (cmd_id) {
	case TA_DEVKIT_EXAMPLE_CMD_INC_VALUE:
		return inc_value(param_types, params);
	case TA_DEVKIT_EXAMPLE_CMD_BUILD_INFO:
		return build_info(param_types, params);
	case TA_DEVKIT_EXAMPLE_CMD_PROPERTIES:
		return properties(param_types, params);
	case TA_DEVKIT_EXAMPLE_CMD_TRACE:
		EMSG("devkit-example-trace-E");
		IMSG("devkit-example-trace-I");
		DMSG("devkit-example-trace-D");
		FMSG("devkit-example-trace-F");
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The entry points a TA implements (GP TEE Internal Core API, chapter 4).
 * A TA built for GP 1.1 (__OPTEE_CORE_API_COMPAT_1_1) implements the
 * session entry points under the __GP11_ names with __GP11_TEE_Param
 * (its source still says TA_OpenSessionEntryPoint: tee_api_compat.h);
 * softee-ta looks up either name and converts the parameters.
 */
#ifndef TEE_TA_API_H
#define TEE_TA_API_H

#include <tee_api_defines.h>
#include <tee_api_types.h>

/* OP-TEE marks entry points with this; it means nothing here. */
#define TA_EXPORT

TEE_Result TA_CreateEntryPoint(void);
void TA_DestroyEntryPoint(void);
TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext);
TEE_Result __GP11_TA_OpenSessionEntryPoint(uint32_t paramTypes,
					   __GP11_TEE_Param params[TEE_NUM_PARAMS],
					   void **sessionContext);
void TA_CloseSessionEntryPoint(void *sessionContext);
TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext,
				      uint32_t commandID, uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS]);
TEE_Result __GP11_TA_InvokeCommandEntryPoint(void *sessionContext,
					     uint32_t commandID,
					     uint32_t paramTypes,
					     __GP11_TEE_Param params[TEE_NUM_PARAMS]);

/* Last: maps the plain names to __GP11_ ones for a 1.1 TA. */
#include <tee_api_compat.h>

#endif /* TEE_TA_API_H */

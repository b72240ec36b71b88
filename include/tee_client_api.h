/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GlobalPlatform TEE Client API v1.0: the types, constants and functions a
 * client application uses, laid out exactly as OP-TEE's optee_client so that
 * its sources and binaries work with softee unchanged.
 */
#ifndef TEE_CLIENT_API_H
#define TEE_CLIENT_API_H

#ifdef __cplusplus
extern "C" {
#endif

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Number of parameters in a TEEC_Operation. */
#define TEEC_CONFIG_PAYLOAD_REF_COUNT 4

/* No fixed upper bound on shared memory size beyond the address space. */
#define TEEC_CONFIG_SHAREDMEM_MAX_SIZE ULONG_MAX

/* Parameter types (4 bits each in TEEC_Operation.paramTypes). */
#define TEEC_NONE			0x00000000
#define TEEC_VALUE_INPUT		0x00000001
#define TEEC_VALUE_OUTPUT		0x00000002
#define TEEC_VALUE_INOUT		0x00000003
#define TEEC_MEMREF_TEMP_INPUT		0x00000005
#define TEEC_MEMREF_TEMP_OUTPUT		0x00000006
#define TEEC_MEMREF_TEMP_INOUT		0x00000007
#define TEEC_MEMREF_WHOLE		0x0000000C
#define TEEC_MEMREF_PARTIAL_INPUT	0x0000000D
#define TEEC_MEMREF_PARTIAL_OUTPUT	0x0000000E
#define TEEC_MEMREF_PARTIAL_INOUT	0x0000000F

/* Shared memory direction flags. */
#define TEEC_MEM_INPUT			0x00000001
#define TEEC_MEM_OUTPUT			0x00000002

/* Return codes. */
#define TEEC_SUCCESS			0x00000000
#define TEEC_ERROR_STORAGE_NOT_AVAILABLE 0xF0100003
#define TEEC_ERROR_GENERIC		0xFFFF0000
#define TEEC_ERROR_ACCESS_DENIED	0xFFFF0001
#define TEEC_ERROR_CANCEL		0xFFFF0002
#define TEEC_ERROR_ACCESS_CONFLICT	0xFFFF0003
#define TEEC_ERROR_EXCESS_DATA		0xFFFF0004
#define TEEC_ERROR_BAD_FORMAT		0xFFFF0005
#define TEEC_ERROR_BAD_PARAMETERS	0xFFFF0006
#define TEEC_ERROR_BAD_STATE		0xFFFF0007
#define TEEC_ERROR_ITEM_NOT_FOUND	0xFFFF0008
#define TEEC_ERROR_NOT_IMPLEMENTED	0xFFFF0009
#define TEEC_ERROR_NOT_SUPPORTED	0xFFFF000A
#define TEEC_ERROR_NO_DATA		0xFFFF000B
#define TEEC_ERROR_OUT_OF_MEMORY	0xFFFF000C
#define TEEC_ERROR_BUSY			0xFFFF000D
#define TEEC_ERROR_COMMUNICATION	0xFFFF000E
#define TEEC_ERROR_SECURITY		0xFFFF000F
#define TEEC_ERROR_SHORT_BUFFER		0xFFFF0010
#define TEEC_ERROR_EXTERNAL_CANCEL	0xFFFF0011
#define TEE_ERROR_EXTERNAL_CANCEL	0xFFFF0011
#define TEEC_ERROR_OVERFLOW		0xFFFF300F
#define TEE_ERROR_OVERFLOW		0xFFFF300F
#define TEEC_ERROR_TARGET_DEAD		0xFFFF3024
#define TEE_ERROR_TARGET_DEAD		0xFFFF3024
#define TEEC_ERROR_STORAGE_NO_SPACE	0xFFFF3041
#define TEE_ERROR_STORAGE_NO_SPACE	0xFFFF3041
#define TEEC_ERROR_MAC_INVALID		0xFFFF3071
#define TEE_ERROR_MAC_INVALID		0xFFFF3071
#define TEEC_ERROR_SIGNATURE_INVALID	0xFFFF3072
#define TEE_ERROR_SIGNATURE_INVALID	0xFFFF3072
#define TEEC_ERROR_TIME_NOT_SET		0xFFFF5000
#define TEE_ERROR_TIME_NOT_SET		0xFFFF5000
#define TEEC_ERROR_TIME_NEEDS_RESET	0xFFFF5001
#define TEE_ERROR_TIME_NEEDS_RESET	0xFFFF5001

/* Where a return code came from. */
#define TEEC_ORIGIN_API			0x00000001
#define TEEC_ORIGIN_COMMS		0x00000002
#define TEEC_ORIGIN_TEE			0x00000003
#define TEEC_ORIGIN_TRUSTED_APP		0x00000004

/* Session login methods. */
#define TEEC_LOGIN_PUBLIC		0x00000000
#define TEEC_LOGIN_USER			0x00000001
#define TEEC_LOGIN_GROUP		0x00000002
#define TEEC_LOGIN_APPLICATION		0x00000004
#define TEEC_LOGIN_USER_APPLICATION	0x00000005
#define TEEC_LOGIN_GROUP_APPLICATION	0x00000006

/* Encode four parameter types into TEEC_Operation.paramTypes. */
#define TEEC_PARAM_TYPES(p0, p1, p2, p3) \
	((p0) | ((p1) << 4) | ((p2) << 8) | ((p3) << 12))

/* Extract the type of parameter i from paramTypes. */
#define TEEC_PARAM_TYPE_GET(p, i) (((p) >> ((i) * 4)) & 0xF)

typedef uint32_t TEEC_Result;

/* A connection to a TEE. */
typedef struct {
	/* Implementation defined */
	struct {
		int fd;
		bool reg_mem;
		bool memref_null;
	} imp;
} TEEC_Context;

/* A UUID as defined by RFC 4122, in host byte order fields. */
typedef struct {
	uint32_t timeLow;
	uint16_t timeMid;
	uint16_t timeHiAndVersion;
	uint8_t clockSeqAndNode[8];
} TEEC_UUID;

/* A block of memory shared between the client and the TEE. */
typedef struct {
	void *buffer;
	size_t size;
	uint32_t flags;
	/* Implementation defined */
	struct {
		int id;
		size_t alloced_size;
		void *shadow_buffer;
		int registered_fd;
		uint32_t flags;
	} imp;
} TEEC_SharedMemory;

/* A temporary memory reference (memory not registered beforehand). */
typedef struct {
	void *buffer;
	size_t size;
} TEEC_TempMemoryReference;

/* A reference to (part of) a registered or allocated shared memory. */
typedef struct {
	TEEC_SharedMemory *parent;
	size_t size;
	size_t offset;
} TEEC_RegisteredMemoryReference;

/* A small pair of values passed by copy. */
typedef struct {
	uint32_t a;
	uint32_t b;
} TEEC_Value;

/* One operation parameter; paramTypes says which member is valid. */
typedef union {
	TEEC_TempMemoryReference tmpref;
	TEEC_RegisteredMemoryReference memref;
	TEEC_Value value;
} TEEC_Parameter;

/* An open session with a trusted application. */
typedef struct {
	/* Implementation defined */
	struct {
		TEEC_Context *ctx;
		uint32_t session_id;
	} imp;
} TEEC_Session;

/* The payload of an OpenSession or InvokeCommand call. */
typedef struct {
	uint32_t started;
	uint32_t paramTypes;
	TEEC_Parameter params[TEEC_CONFIG_PAYLOAD_REF_COUNT];
	/* Implementation defined */
	struct {
		TEEC_Session *session;
	} imp;
} TEEC_Operation;

/* The layouts are ABI: check them where optee_client's are known. */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define TEEC_LAYOUT_ASSERT(c, m) static_assert(c, m)
#elif !defined(__cplusplus)
#define TEEC_LAYOUT_ASSERT(c, m) _Static_assert(c, m)
#else
#define TEEC_LAYOUT_ASSERT(c, m)
#endif
#if defined(__x86_64__) || defined(__aarch64__)
TEEC_LAYOUT_ASSERT(sizeof(TEEC_Context) == 8, "TEEC_Context layout");
TEEC_LAYOUT_ASSERT(sizeof(TEEC_UUID) == 16, "TEEC_UUID layout");
TEEC_LAYOUT_ASSERT(sizeof(TEEC_SharedMemory) == 56, "TEEC_SharedMemory layout");
TEEC_LAYOUT_ASSERT(sizeof(TEEC_TempMemoryReference) == 16, "tmpref layout");
TEEC_LAYOUT_ASSERT(sizeof(TEEC_RegisteredMemoryReference) == 24,
		   "memref layout");
TEEC_LAYOUT_ASSERT(sizeof(TEEC_Value) == 8, "TEEC_Value layout");
TEEC_LAYOUT_ASSERT(sizeof(TEEC_Parameter) == 24, "TEEC_Parameter layout");
TEEC_LAYOUT_ASSERT(sizeof(TEEC_Session) == 16, "TEEC_Session layout");
TEEC_LAYOUT_ASSERT(sizeof(TEEC_Operation) == 112, "TEEC_Operation layout");
#elif defined(__arm__) || defined(__i386__)
TEEC_LAYOUT_ASSERT(sizeof(TEEC_SharedMemory) == 32, "TEEC_SharedMemory layout");
TEEC_LAYOUT_ASSERT(sizeof(TEEC_Parameter) == 12, "TEEC_Parameter layout");
TEEC_LAYOUT_ASSERT(sizeof(TEEC_Session) == 8, "TEEC_Session layout");
TEEC_LAYOUT_ASSERT(sizeof(TEEC_Operation) == 60, "TEEC_Operation layout");
#endif
#undef TEEC_LAYOUT_ASSERT

/*
 * Connect to the TEE named name (NULL: the default TEE). Fills in context.
 */
TEEC_Result TEEC_InitializeContext(const char *name, TEEC_Context *context);

/* Disconnect; every session and shared memory must be gone already. */
void TEEC_FinalizeContext(TEEC_Context *context);

/* Register the client's memory sharedMem->buffer for use with the TEE. */
TEEC_Result TEEC_RegisterSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem);

/* Allocate sharedMem->size bytes of memory shared with the TEE. */
TEEC_Result TEEC_AllocateSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem);

/* Release memory registered or allocated by the two functions above. */
void TEEC_ReleaseSharedMemory(TEEC_SharedMemory *sharedMemory);

/* Open a session with the trusted application identified by destination. */
TEEC_Result TEEC_OpenSession(TEEC_Context *context,
			     TEEC_Session *session,
			     const TEEC_UUID *destination,
			     uint32_t connectionMethod,
			     const void *connectionData,
			     TEEC_Operation *operation,
			     uint32_t *returnOrigin);

/* Close a session opened by TEEC_OpenSession. */
void TEEC_CloseSession(TEEC_Session *session);

/* Invoke command commandID of the trusted application of session. */
TEEC_Result TEEC_InvokeCommand(TEEC_Session *session,
			       uint32_t commandID,
			       TEEC_Operation *operation,
			       uint32_t *returnOrigin);

/* Ask the TEE to cancel a pending OpenSession or InvokeCommand. */
void TEEC_RequestCancellation(TEEC_Operation *operation);

#ifdef __cplusplus
}
#endif

#endif /* TEE_CLIENT_API_H */

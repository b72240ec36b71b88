/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GP TEE Internal Core API v1.3.1 types as a TA sees them, and beside
 * them the __GP11_ forms of the types whose GP 1.1 layout differs (see
 * tee_api_compat.h for how a 1.1 TA gets those under the plain names).
 */
#ifndef TEE_API_TYPES_H
#define TEE_API_TYPES_H

#include <compiler.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_api_defines.h>

typedef uint32_t TEE_Result;
typedef uint32_t TEE_ErrorOrigin;

typedef struct {
	uint32_t timeLow;
	uint16_t timeMid;
	uint16_t timeHiAndVersion;
	uint8_t clockSeqAndNode[8];
} TEE_UUID;

typedef struct {
	uint32_t login;		/* TEE_LOGIN_* */
	TEE_UUID uuid;
} TEE_Identity;

/* One parameter of an entry point or of a TA-to-TA call. */
typedef union {
	struct {
		void *buffer;
		size_t size;
	} memref;
	struct {
		uint32_t a;
		uint32_t b;
	} value;
} TEE_Param;

/* GP 1.1: memref sizes are 32 bits, so a 1.1 TA never sees >= 4 GiB. */
typedef union {
	struct {
		void *buffer;
		uint32_t size;
	} memref;
	struct {
		uint32_t a;
		uint32_t b;
	} value;
} __GP11_TEE_Param;

typedef struct {
	uint32_t seconds;
	uint32_t millis;
} TEE_Time;

/* Opaque handles; their structures live inside the runtime. */
typedef struct __TEE_TASessionHandle *TEE_TASessionHandle;
typedef struct __TEE_PropSetHandle *TEE_PropSetHandle;
typedef struct __TEE_ObjectHandle *TEE_ObjectHandle;
typedef struct __TEE_ObjectEnumHandle *TEE_ObjectEnumHandle;
typedef struct __TEE_OperationHandle *TEE_OperationHandle;

/* Storage */
typedef uint32_t TEE_ObjectType;
typedef uint32_t TEE_Whence;		/* TEE_DATA_SEEK_* */

typedef struct {
	uint32_t attributeID;		/* TEE_ATTR_* */
	union {
		struct {
			void *buffer;
			size_t length;
		} ref;
		struct {
			uint32_t a, b;
		} value;
	} content;
} TEE_Attribute;

typedef struct {
	uint32_t attributeID;
	union {
		struct {
			void *buffer;
			uint32_t length;
		} ref;
		struct {
			uint32_t a, b;
		} value;
	} content;
} __GP11_TEE_Attribute;

typedef struct {
	uint32_t objectType;
	uint32_t objectSize;		/* key size in bits, 0 if none */
	uint32_t maxObjectSize;
	uint32_t objectUsage;		/* TEE_USAGE_* */
	size_t dataSize;
	size_t dataPosition;
	uint32_t handleFlags;		/* TEE_HANDLE_FLAG_*, TEE_DATA_FLAG_* */
} TEE_ObjectInfo;

typedef struct {
	uint32_t objectType;
	uint32_t keySize;
	uint32_t maxKeySize;
	uint32_t objectUsage;
	uint32_t dataSize;
	uint32_t dataPosition;
	uint32_t handleFlags;
} __GP11_TEE_ObjectInfo;

/* Cryptographic operations (same layout in 1.1 and 1.3.1) */
typedef uint32_t TEE_OperationMode;	/* TEE_MODE_* */

typedef struct {
	uint32_t algorithm;
	uint32_t operationClass;	/* TEE_OPERATION_* */
	uint32_t mode;
	uint32_t digestLength;
	uint32_t maxKeySize;
	uint32_t keySize;
	uint32_t requiredKeyUsage;
	uint32_t handleState;		/* TEE_HANDLE_FLAG_* */
} TEE_OperationInfo;

typedef struct {
	uint32_t keySize;
	uint32_t requiredKeyUsage;
} TEE_OperationInfoKey;

typedef struct {
	uint32_t algorithm;
	uint32_t operationClass;
	uint32_t mode;
	uint32_t digestLength;
	uint32_t maxKeySize;
	uint32_t handleState;
	uint32_t operationState;	/* TEE_OPERATION_STATE_* */
	uint32_t numberOfKeys;
	TEE_OperationInfoKey keyInformation[];
} TEE_OperationInfoMultiple;

/*
 * Big integers are arrays of uint32_t the TA allocates with the sizes
 * from TEE_BigIntSizeInU32 and friends; the runtime keeps its state in
 * them. The FMM context may hold pointers, hence the alignment.
 */
typedef uint32_t TEE_BigInt;
typedef uint32_t TEE_BigIntFMM;
typedef uint32_t TEE_BigIntFMMContext __aligned(__alignof__(void *));

/* OP-TEE's extra name for the session context type. */
typedef void *TEE_Session;

#endif /* TEE_API_TYPES_H */

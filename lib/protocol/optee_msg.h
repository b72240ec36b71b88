/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * OP-TEE message protocol: the optee_msg_arg structure passed by physical
 * address with CALL_WITH_ARG, its parameters and the page-list format.
 * Numbers and layouts are OP-TEE's ABI (see shared/ABI.md section 2).
 */
#ifndef SOFTEE_OPTEE_MSG_H
#define SOFTEE_OPTEE_MSG_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#define OPTEE_MSG_ATTR_TYPE_NONE		0x0
#define OPTEE_MSG_ATTR_TYPE_VALUE_INPUT		0x1
#define OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT	0x2
#define OPTEE_MSG_ATTR_TYPE_VALUE_INOUT		0x3
#define OPTEE_MSG_ATTR_TYPE_RMEM_INPUT		0x5
#define OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT		0x6
#define OPTEE_MSG_ATTR_TYPE_RMEM_INOUT		0x7
#define OPTEE_MSG_ATTR_TYPE_FMEM_INPUT		OPTEE_MSG_ATTR_TYPE_RMEM_INPUT
#define OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT		OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT
#define OPTEE_MSG_ATTR_TYPE_FMEM_INOUT		OPTEE_MSG_ATTR_TYPE_RMEM_INOUT
#define OPTEE_MSG_ATTR_TYPE_TMEM_INPUT		0x9
#define OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT		0xa
#define OPTEE_MSG_ATTR_TYPE_TMEM_INOUT		0xb
#define OPTEE_MSG_ATTR_TYPE_MASK		0xff

/* Meta parameters are consumed by the OS (open-session UUIDs). */
#define OPTEE_MSG_ATTR_META			(1ULL << 8)
/* tmem.buf_ptr is a page list (PA | offset in first 4 KiB page). */
#define OPTEE_MSG_ATTR_NONCONTIG		(1ULL << 9)
#define OPTEE_MSG_ATTR_CACHE_SHIFT		16
#define OPTEE_MSG_ATTR_CACHE_MASK		0x7
#define OPTEE_MSG_ATTR_CACHE_PREDEFINED		0

#define OPTEE_MSG_LOGIN_PUBLIC			0x00000000
#define OPTEE_MSG_LOGIN_USER			0x00000001
#define OPTEE_MSG_LOGIN_GROUP			0x00000002
#define OPTEE_MSG_LOGIN_APPLICATION		0x00000004
#define OPTEE_MSG_LOGIN_APPLICATION_USER	0x00000005
#define OPTEE_MSG_LOGIN_APPLICATION_GROUP	0x00000006

/* Page lists: 4 KiB blocks of 511 entries plus a next-block pointer. */
#define OPTEE_MSG_NONCONTIG_PAGE_SIZE		4096
#define OPTEE_MSG_PAGELIST_ENTRIES_PER_BLOCK	511
#define OPTEE_MSG_PAGELIST_NEXT_SLOT		511

struct optee_msg_param_tmem {
	uint64_t buf_ptr;
	uint64_t size;
	uint64_t shm_ref;
};

struct optee_msg_param_rmem {
	uint64_t offs;
	uint64_t size;
	uint64_t shm_ref;
};

struct optee_msg_param_fmem {
	uint32_t offs_low;
	uint16_t offs_high;
	uint16_t internal_offs;
	uint64_t size;
	uint64_t global_id;
};

struct optee_msg_param_value {
	uint64_t a;
	uint64_t b;
	uint64_t c;
};

struct optee_msg_param {
	uint64_t attr;
	union {
		struct optee_msg_param_tmem tmem;
		struct optee_msg_param_rmem rmem;
		struct optee_msg_param_fmem fmem;
		struct optee_msg_param_value value;
		uint8_t octets[24];
	} u;
};

struct optee_msg_arg {
	uint32_t cmd;
	uint32_t func;
	uint32_t session;
	uint32_t cancel_id;
	uint32_t pad;
	uint32_t ret;
	uint32_t ret_origin;
	uint32_t num_params;
	struct optee_msg_param params[];
};

static_assert(sizeof(struct optee_msg_param) == 32, "msg param is 32 bytes");
static_assert(sizeof(struct optee_msg_arg) == 32, "msg arg header is 32 bytes");
static_assert(offsetof(struct optee_msg_arg, num_params) == 28, "num_params");
static_assert(offsetof(struct optee_msg_param, u) == 8, "param union");

#define OPTEE_MSG_GET_ARG_SIZE(num_params) \
	(sizeof(struct optee_msg_arg) + \
	 sizeof(struct optee_msg_param) * (size_t)(num_params))

/* Most params that fit an arg in one 4 KiB page. */
#define OPTEE_MSG_MAX_NUM_PARAMS \
	((OPTEE_MSG_NONCONTIG_PAGE_SIZE - sizeof(struct optee_msg_arg)) / \
	 sizeof(struct optee_msg_param))

/* API UID and revision (CALLS_UID / CALLS_REVISION). */
#define OPTEE_MSG_UID_0			0x384fb3e0
#define OPTEE_MSG_UID_1			0xe7f811e3
#define OPTEE_MSG_UID_2			0xaf630002
#define OPTEE_MSG_UID_3			0xa5d5c51b
#define OPTEE_MSG_REVISION_MAJOR	2
#define OPTEE_MSG_REVISION_MINOR	0

/* OS UUID (GET_OS_UUID). */
#define OPTEE_MSG_OS_OPTEE_UUID_0	0x486178e0
#define OPTEE_MSG_OS_OPTEE_UUID_1	0xe7f811e3
#define OPTEE_MSG_OS_OPTEE_UUID_2	0xbc5e0002
#define OPTEE_MSG_OS_OPTEE_UUID_3	0xa5d5c51b

#define OPTEE_MSG_FUNCID_CALLS_UID		0xFF01
#define OPTEE_MSG_FUNCID_CALLS_REVISION		0xFF03
#define OPTEE_MSG_FUNCID_GET_OS_UUID		0x0000
#define OPTEE_MSG_FUNCID_GET_OS_REVISION	0x0001
#define OPTEE_MSG_FUNCID_CALL_WITH_ARG		0x0004

/* optee_msg_arg.cmd */
#define OPTEE_MSG_CMD_OPEN_SESSION	0
#define OPTEE_MSG_CMD_INVOKE_COMMAND	1
#define OPTEE_MSG_CMD_CLOSE_SESSION	2
#define OPTEE_MSG_CMD_CANCEL		3
#define OPTEE_MSG_CMD_REGISTER_SHM	4
#define OPTEE_MSG_CMD_UNREGISTER_SHM	5
#define OPTEE_MSG_CMD_DO_BOTTOM_HALF	6
#define OPTEE_MSG_CMD_STOP_ASYNC_NOTIF	7

/* REGISTER_SHM is sent (and accepted) with exactly this attribute. */
#define OPTEE_MSG_REGISTER_SHM_ATTR \
	(OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG)

#endif /* SOFTEE_OPTEE_MSG_H */

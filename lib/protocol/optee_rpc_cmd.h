/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RPC commands the secure world asks of the normal world (arg->cmd of an
 * RPC optee_msg_arg; the same number is `func` in TEE_IOC_SUPPL_RECV).
 * See shared/ABI.md section 4.
 */
#ifndef SOFTEE_OPTEE_RPC_CMD_H
#define SOFTEE_OPTEE_RPC_CMD_H

#define OPTEE_RPC_CMD_LOAD_TA		0
#define OPTEE_RPC_CMD_RPMB		1
#define OPTEE_RPC_CMD_FS		2
#define OPTEE_RPC_CMD_GET_TIME		3
#define OPTEE_RPC_CMD_NOTIFICATION	4
#define OPTEE_RPC_CMD_WAIT_QUEUE	OPTEE_RPC_CMD_NOTIFICATION
#define OPTEE_RPC_CMD_SUSPEND		5
#define OPTEE_RPC_CMD_SHM_ALLOC		6
#define OPTEE_RPC_CMD_SHM_FREE		7
#define OPTEE_RPC_CMD_SQL_FS_RESERVED	8
#define OPTEE_RPC_CMD_GPROF		9
#define OPTEE_RPC_CMD_SOCKET		10
#define OPTEE_RPC_CMD_FTRACE		11
#define OPTEE_RPC_CMD_SUPP_PLUGIN	12
#define OPTEE_RPC_CMD_BENCH_REG		20
#define OPTEE_RPC_CMD_I2C_TRANSFER	21

/* NOTIFICATION / WAIT_QUEUE sub-commands (value.a) */
#define OPTEE_RPC_NOTIFICATION_WAIT	0
#define OPTEE_RPC_NOTIFICATION_SEND	1
#define OPTEE_RPC_WAIT_QUEUE_SLEEP	OPTEE_RPC_NOTIFICATION_WAIT
#define OPTEE_RPC_WAIT_QUEUE_WAKEUP	OPTEE_RPC_NOTIFICATION_SEND

/* SHM_ALLOC / SHM_FREE types (value.a) */
#define OPTEE_RPC_SHM_TYPE_APPL		0
#define OPTEE_RPC_SHM_TYPE_KERNEL	1
#define OPTEE_RPC_SHM_TYPE_GLOBAL	2

/* FS sub-commands (p0.value.a) */
#define OPTEE_RPC_FS_OPEN		0
#define OPTEE_RPC_FS_CREATE		1
#define OPTEE_RPC_FS_CLOSE		2
#define OPTEE_RPC_FS_READ		3
#define OPTEE_RPC_FS_WRITE		4
#define OPTEE_RPC_FS_TRUNCATE		5
#define OPTEE_RPC_FS_REMOVE		6
#define OPTEE_RPC_FS_RENAME		7
#define OPTEE_RPC_FS_OPENDIR		8
#define OPTEE_RPC_FS_CLOSEDIR		9
#define OPTEE_RPC_FS_READDIR		10

/* Parameters in an RPC arg (THREAD_RPC_MAX_NUM_PARAMS) */
#define OPTEE_RPC_NUM_PARAMS		4
/* Parameters in a supplicant request buffer (1 meta + 4) */
#define OPTEE_SUPP_NUM_PARAMS		5

#endif /* SOFTEE_OPTEE_RPC_CMD_H */

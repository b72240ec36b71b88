/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * softee's own rendition of the Linux TEE subsystem user API
 * (include/uapi/linux/tee.h): numbers and layouts are the kernel's ABI,
 * the text is ours. Layouts are identical on 32- and 64-bit.
 */
#ifndef __SOFTEE_UAPI_LINUX_TEE_H
#define __SOFTEE_UAPI_LINUX_TEE_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define TEE_IOC_MAGIC	0xa4
#define TEE_IOC_BASE	0

/* Largest ioctl argument buffer (header + params) the core accepts. */
#define TEE_MAX_ARG_SIZE	4096

#define TEE_GEN_CAP_GP		(1 << 0) /* GlobalPlatform compliant TEE */
#define TEE_GEN_CAP_PRIVILEGED	(1 << 1) /* supplicant device */
#define TEE_GEN_CAP_REG_MEM	(1 << 2) /* TEE_IOC_SHM_REGISTER works */
#define TEE_GEN_CAP_MEMREF_NULL	(1 << 3) /* NULL memrefs accepted */
#define TEE_GEN_CAP_OBJREF	(1 << 4)

#define TEE_MEMREF_NULL		((__u64)-1) /* in param.c: NULL memref */
#define TEE_OBJREF_NULL		((__u64)-1)

#define TEE_IMPL_ID_OPTEE	1
#define TEE_IMPL_ID_AMDTEE	2
#define TEE_IMPL_ID_TSTEE	3
#define TEE_IMPL_ID_QTEE	4

#define TEE_OPTEE_CAP_TZ	(1 << 0)

struct tee_ioctl_version_data {
	__u32 impl_id;
	__u32 impl_caps;
	__u32 gen_caps;
};
#define TEE_IOC_VERSION _IOR(TEE_IOC_MAGIC, TEE_IOC_BASE + 0, \
			     struct tee_ioctl_version_data)

/* size is rounded up by the kernel; flags must be 0 on input. */
struct tee_ioctl_shm_alloc_data {
	__u64 size;
	__u32 flags;
	__s32 id;
};
#define TEE_IOC_SHM_ALLOC _IOWR(TEE_IOC_MAGIC, TEE_IOC_BASE + 1, \
				struct tee_ioctl_shm_alloc_data)

/* Variable-size arguments travel as a pointer + length pair. */
struct tee_ioctl_buf_data {
	__u64 buf_ptr;
	__u64 buf_len;
};

#define TEE_IOCTL_PARAM_ATTR_TYPE_NONE		0
#define TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT	1
#define TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT	2
#define TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT	3
#define TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT	5
#define TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT	6
#define TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT	7
#define TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT	8
#define TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_OUTPUT	9
#define TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INOUT	10
#define TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INPUT	11
#define TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_OUTPUT	12
#define TEE_IOCTL_PARAM_ATTR_TYPE_OBJREF_INOUT	13
#define TEE_IOCTL_PARAM_ATTR_TYPE_MASK		0xff
/* Meta parameter: consumed by the TEE/supplicant protocol, not the TA. */
#define TEE_IOCTL_PARAM_ATTR_META		0x100
#define TEE_IOCTL_PARAM_ATTR_MASK \
	(TEE_IOCTL_PARAM_ATTR_TYPE_MASK | TEE_IOCTL_PARAM_ATTR_META)

#define TEE_IOCTL_LOGIN_PUBLIC			0
#define TEE_IOCTL_LOGIN_USER			1
#define TEE_IOCTL_LOGIN_GROUP			2
#define TEE_IOCTL_LOGIN_APPLICATION		4
#define TEE_IOCTL_LOGIN_USER_APPLICATION	5
#define TEE_IOCTL_LOGIN_GROUP_APPLICATION	6
#define TEE_IOCTL_LOGIN_REE_KERNEL_MIN		0x80000000
#define TEE_IOCTL_LOGIN_REE_KERNEL_MAX		0xBFFFFFFF
#define TEE_IOCTL_LOGIN_REE_KERNEL		0x80000000

/*
 * One parameter. Values use a/b/c; memrefs use a = offset into the shm,
 * b = size, c = shm id (TEE_MEMREF_NULL for a NULL memref).
 */
struct tee_ioctl_param {
	__u64 attr;
	__u64 a;
	__u64 b;
	__u64 c;
};

#define TEE_IOCTL_UUID_LEN	16

struct tee_ioctl_open_session_arg {
	__u8 uuid[TEE_IOCTL_UUID_LEN];
	__u8 clnt_uuid[TEE_IOCTL_UUID_LEN];
	__u32 clnt_login;
	__u32 cancel_id;
	__u32 session;
	__u32 ret;
	__u32 ret_origin;
	__u32 num_params;
	struct tee_ioctl_param params[];
};
#define TEE_IOC_OPEN_SESSION _IOR(TEE_IOC_MAGIC, TEE_IOC_BASE + 2, \
				  struct tee_ioctl_buf_data)

struct tee_ioctl_invoke_arg {
	__u32 func;
	__u32 session;
	__u32 cancel_id;
	__u32 ret;
	__u32 ret_origin;
	__u32 num_params;
	struct tee_ioctl_param params[];
};
#define TEE_IOC_INVOKE _IOR(TEE_IOC_MAGIC, TEE_IOC_BASE + 3, \
			    struct tee_ioctl_buf_data)

struct tee_ioctl_cancel_arg {
	__u32 cancel_id;
	__u32 session;
};
#define TEE_IOC_CANCEL _IOR(TEE_IOC_MAGIC, TEE_IOC_BASE + 4, \
			    struct tee_ioctl_cancel_arg)

struct tee_ioctl_close_session_arg {
	__u32 session;
};
#define TEE_IOC_CLOSE_SESSION _IOR(TEE_IOC_MAGIC, TEE_IOC_BASE + 5, \
				   struct tee_ioctl_close_session_arg)

/* Supplicant side: receive a request, then send its answer. */
struct tee_iocl_supp_recv_arg {
	__u32 func;
	__u32 num_params;
	struct tee_ioctl_param params[];
};
#define TEE_IOC_SUPPL_RECV _IOR(TEE_IOC_MAGIC, TEE_IOC_BASE + 6, \
				struct tee_ioctl_buf_data)

struct tee_iocl_supp_send_arg {
	__u32 ret;
	__u32 num_params;
	struct tee_ioctl_param params[];
};
#define TEE_IOC_SUPPL_SEND _IOR(TEE_IOC_MAGIC, TEE_IOC_BASE + 7, \
				struct tee_ioctl_buf_data)

struct tee_ioctl_shm_register_fd_data {
	__s64 fd;
	__u64 size;
	__u32 flags;
	__s32 id;
};
#define TEE_IOC_SHM_REGISTER_FD _IOWR(TEE_IOC_MAGIC, TEE_IOC_BASE + 8, \
				      struct tee_ioctl_shm_register_fd_data)

/* Register caller memory [addr, addr + length); flags must be 0. */
struct tee_ioctl_shm_register_data {
	__u64 addr;
	__u64 length;
	__u32 flags;
	__s32 id;
};
#define TEE_IOC_SHM_REGISTER _IOWR(TEE_IOC_MAGIC, TEE_IOC_BASE + 9, \
				   struct tee_ioctl_shm_register_data)

struct tee_ioctl_object_invoke_arg {
	__u64 id;
	__u32 op;
	__u32 ret;
	__u32 num_params;
	__u32 :32;
	struct tee_ioctl_param params[];
};
#define TEE_IOC_OBJECT_INVOKE _IOR(TEE_IOC_MAGIC, TEE_IOC_BASE + 10, \
				   struct tee_ioctl_buf_data)

#endif /* __SOFTEE_UAPI_LINUX_TEE_H */

/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The name of this file must not be modified
 */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

/* To get the TA UUID definition */
#include <devkit_example_ta.h>

#define TA_UUID				TA_DEVKIT_EXAMPLE_UUID

#define TA_FLAGS			(TA_FLAG_SINGLE_INSTANCE | \
					 TA_FLAG_MULTI_SESSION | \
					 TA_FLAG_INSTANCE_KEEP_ALIVE)
#define TA_STACK_SIZE			(4 * 1024)
#define TA_DATA_SIZE			(32 * 1024)

#define TA_VERSION	"2.5"
#define TA_DESCRIPTION	"softee dev kit example TA"

/* Extra properties (give a version id and a string name) */
#define TA_CURRENT_TA_EXT_PROPERTIES \
    { "gp.ta.description", USER_TA_PROP_TYPE_STRING, \
        "Dev kit example of softee" }, \
    { "gp.ta.version", USER_TA_PROP_TYPE_U32, &(const uint32_t){ 0x0010 } }, \
    { "org.softee.example.bool", USER_TA_PROP_TYPE_BOOL, \
        &(const bool){ true } }, \
    { "org.softee.example.u64", USER_TA_PROP_TYPE_U64, \
        &(const uint64_t){ 0x123456789aULL } }, \
    { "org.softee.example.uuid", USER_TA_PROP_TYPE_UUID, \
        &(const TEE_UUID)TA_DEVKIT_EXAMPLE_UUID }, \
    { "org.softee.example.blob", USER_TA_PROP_TYPE_BINARY_BLOCK, "c29mdGVl" }

#endif /* USER_TA_HEADER_DEFINES_H */

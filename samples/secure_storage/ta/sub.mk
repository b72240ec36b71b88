# Sources of the secure storage sample TA (OP-TEE sub.mk syntax).
global-incdirs-y += include
srcs-y += secure_storage_ta.c

# Sources of the secure_hash_aes TA (OP-TEE sub.mk syntax).
global-incdirs-y += include
srcs-y += secure_hash_aes_ta.c

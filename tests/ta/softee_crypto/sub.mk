# Symmetric crypto and object test TA (OP-TEE sub.mk style).
global-incdirs-y += include
global-incdirs-y += .
srcs-y += crypto_ta.c
srcs-y += ct_util.c
srcs-y += ct_digest.c
srcs-y += ct_cipher_vec.c
srcs-y += ct_mac_vec.c
srcs-y += ct_ae_vec.c
srcs-y += ct_kat.c
srcs-y += ct_multi.c
srcs-y += ct_errors.c
srcs-y += ct_objects.c
srcs-y += ct_panic.c
cflags-y += -Wextra -Wshadow -Werror

# Asymmetric crypto / big integer test TA (OP-TEE sub.mk style).
global-incdirs-y += include
global-incdirs-y += .
srcs-y += asym_ta.c
srcs-y += asym_ta_util.c
srcs-y += asym_ta_vectors.c
srcs-y += asym_ta_bigint.c
srcs-y += asym_ta_rsa.c
srcs-y += asym_ta_ec.c
srcs-y += asym_ta_25519.c
srcs-y += asym_ta_ffc.c
srcs-y += asym_ta_err.c
srcs-y += asym_ta_kdf.c
cflags-y += -Wextra -Wshadow

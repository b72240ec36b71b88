# The crypto benchmark TA (OP-TEE sub.mk style).
global-incdirs-y += ../include
global-incdirs-y += .
srcs-y += softee_bench_crypto_ta.c

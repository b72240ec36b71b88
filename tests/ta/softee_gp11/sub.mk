# The GP 1.1 test TA (OP-TEE sub.mk style).
global-incdirs-y += include
srcs-y += softee_gp11_ta.c

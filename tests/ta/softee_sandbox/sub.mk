# The sandbox test TA (OP-TEE sub.mk style).
global-incdirs-y += include
global-incdirs-y += .
srcs-y += softee_sandbox_ta.c

# The main softee test TA (OP-TEE sub.mk style).
global-incdirs-y += include
global-incdirs-y += .
srcs-y += softee_test_ta.c

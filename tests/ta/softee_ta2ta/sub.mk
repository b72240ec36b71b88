# The TA-to-TA test TA (OP-TEE sub.mk style).
global-incdirs-y += include
global-incdirs-y += .
global-incdirs-y += ../softee_test/include
srcs-y += softee_ta2ta_ta.c

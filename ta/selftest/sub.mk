# Sources of the softee self-test TA (OP-TEE sub.mk syntax).
global-incdirs-y += include
srcs-y += selftest_ta.c

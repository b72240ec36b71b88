# The secure storage test TA (OP-TEE sub.mk style).
global-incdirs-y += include
global-incdirs-y += .
srcs-y += softee_storage_ta.c
srcs-y += softee_storage_tests.c

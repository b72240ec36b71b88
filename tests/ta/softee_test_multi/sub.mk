# The multi-instance variant (one instance per session) of the softee test TA.
global-incdirs-y += .
srcs-y += softee_test_multi_ta.c

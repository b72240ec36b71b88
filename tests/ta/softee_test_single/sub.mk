# The single-session variant of the softee test TA.
global-incdirs-y += .
srcs-y += softee_test_single_ta.c

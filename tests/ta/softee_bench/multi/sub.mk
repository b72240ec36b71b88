# The multi-instance variant of the benchmark TA (OP-TEE sub.mk style).
global-incdirs-y += ../include
global-incdirs-y += .
srcs-y += softee_bench_multi_ta.c

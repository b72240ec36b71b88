# Sources of the hello world TA (OP-TEE sub.mk syntax).
global-incdirs-y += include
srcs-y += hello_world_ta.c

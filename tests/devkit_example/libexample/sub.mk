global-incdirs-y += include
srcs-y += example_util.c

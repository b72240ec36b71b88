# Only util.c sees priv/; every file of the TA sees ../include.
incdirs-y += priv
srcs-y += util.c
cflags-y += -DEXAMPLE_UTIL_FLAG=3
# Built without optimization: -O2 is removed for this directory.
cflags-remove-y += -O2

global-incdirs-y += include
global-incdirs-y += ../libexample/include
srcs-y += example_ta.c
srcs-y += example_props.c

# For both files of this directory (not for util/: flags do not inherit).
cflags-y += -DEXAMPLE_ALL_FILES=1 -DEXAMPLE_REMOVED_LATER=1
# For one file only.
cflags-example_ta.c-y += -DEXAMPLE_ONLY_MAIN=7
# Taken away from one file again.
cflags-remove-example_props.c-y += -DEXAMPLE_REMOVED_LATER=1

ifeq ($(CFG_TA_EXAMPLE_FEATURE),y)
cflags-y += -DEXAMPLE_FEATURE_FROM_SUBMK=1
endif

subdirs-y += util

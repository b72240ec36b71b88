# Shared protocol and utility code, linked into every program.
COMMON_SRCS := lib/common/log.c lib/common/util.c lib/common/ctl.c \
	lib/protocol/wire.c lib/protocol/ta_image.c
COMMON_LIB := $(BUILD)/lib/libsofteecommon.a
$(COMMON_LIB): $(call objs,$(COMMON_SRCS))
	$(make_archive)
ALL_TARGETS += $(COMMON_LIB)
DEPS += $(call deps,$(COMMON_SRCS))
COMMON_LDLIBS := -lcrypto

include lib/libteec/module.mk

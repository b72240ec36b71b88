# Shared protocol and utility code, linked into every program.
COMMON_SRCS := lib/common/log.c lib/common/util.c lib/common/ctl.c \
	lib/protocol/wire.c lib/protocol/ta_image.c
COMMON_LIB := $(BUILD)/lib/libsofteecommon.a
$(COMMON_LIB): $(call objs,$(COMMON_SRCS))
	$(make_archive)
ALL_TARGETS += $(COMMON_LIB)
DEPS += $(call deps,$(COMMON_SRCS))
COMMON_LDLIBS := -lcrypto

# Unit test of the signed TA image format (sign/verify edge cases).
CFLAGS_tests/unit/ta_image.c := -Itests/lib
$(BUILD)/tests/unit/ta_image: $(call objs,tests/unit/ta_image.c) $(COMMON_LIB)
	$(link_prog)
LDLIBS_ta_image := $(COMMON_LDLIBS)
TEST_UNIT_PROGS += $(BUILD)/tests/unit/ta_image
ALL_TARGETS += $(BUILD)/tests/unit/ta_image
DEPS += $(call deps,tests/unit/ta_image.c)

include lib/libteec/module.mk

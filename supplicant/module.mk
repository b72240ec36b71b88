# supplicant: softee-supplicant (the tee-supplicant role) and its unit tests.
SUPP_PURE_SRCS := supplicant/supp_req.c supplicant/supp_ta_name.c \
	supplicant/supp_fs_ops.c
SUPP_SRCS := $(SUPP_PURE_SRCS) supplicant/supp_shm.c supplicant/supp_ta.c \
	supplicant/supp_fs.c supplicant/supp_cmd.c supplicant/supp_loop.c \
	supplicant/main.c
SUPP_BIN := $(BUILD)/bin/softee-supplicant

# The device layer is built by lib/libteec; use its object list when it
# publishes one, else its static archive.
SUPP_TEEDEV := $(BUILD)/lib/libteec.a
ifneq ($(TEEDEV_OBJS),)
SUPP_TEEDEV := $(TEEDEV_OBJS)
else ifneq ($(LIBTEEC_DEV_OBJS),)
SUPP_TEEDEV := $(LIBTEEC_DEV_OBJS)
endif

$(foreach f,$(SUPP_SRCS),$(eval CFLAGS_$(f) += -Isupplicant -Ilib/libteec))
CFLAGS_supplicant/main.c += -DSOFTEE_PREFIX=\"$(PREFIX)\"

$(SUPP_BIN): $(call objs,$(SUPP_SRCS)) $(SUPP_TEEDEV) $(COMMON_LIB)
	$(link_prog)
LDLIBS_softee-supplicant := $(COMMON_LDLIBS)

ALL_TARGETS += $(SUPP_BIN)
DEPS += $(call deps,$(SUPP_SRCS))

# Unit tests: the pure request/file-name code, plus the handlers over a
# fake device layer (tests/unit/supp_fake_teedev.c).
SUPP_TEST_SRCS := tests/unit/supp_req_test.c tests/unit/supp_ta_name_test.c \
	tests/unit/supp_cmd_test.c tests/unit/supp_fake_teedev.c
$(foreach f,$(SUPP_TEST_SRCS),$(eval CFLAGS_$(f) += -Isupplicant -Ilib/libteec -Itests/lib))

$(BUILD)/tests/unit/supp_req: $(call objs,tests/unit/supp_req_test.c $(SUPP_PURE_SRCS)) $(COMMON_LIB)
	$(link_prog)
$(BUILD)/tests/unit/supp_ta_name: $(call objs,tests/unit/supp_ta_name_test.c $(SUPP_PURE_SRCS)) $(COMMON_LIB)
	$(link_prog)
$(BUILD)/tests/unit/supp_cmd: $(call objs,tests/unit/supp_cmd_test.c tests/unit/supp_fake_teedev.c \
	$(filter-out supplicant/main.c supplicant/supp_loop.c,$(SUPP_SRCS))) $(COMMON_LIB)
	$(link_prog)
LDLIBS_supp_req := $(COMMON_LDLIBS)
LDLIBS_supp_ta_name := $(COMMON_LDLIBS)
LDLIBS_supp_cmd := $(COMMON_LDLIBS)

SUPP_TESTS := $(BUILD)/tests/unit/supp_req $(BUILD)/tests/unit/supp_ta_name \
	$(BUILD)/tests/unit/supp_cmd
TEST_UNIT_PROGS += $(SUPP_TESTS)
ALL_TARGETS += $(SUPP_TESTS)
DEPS += $(call deps,$(SUPP_TEST_SRCS))

# libFuzzer (mk/fuzz.mk): the decoder is all fuzz_supp_* needs.
FUZZ_PART_SRCS_supp := $(SUPP_PURE_SRCS)

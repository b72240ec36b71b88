# Integration tests: the libteec client suite, the bad-input suite and the
# test TAs they drive (tests/ta/*, built with the TA dev kit).

INTEG_DIR := $(BUILD)/tests/integration
INTEG_INC := -Itests/lib -Itests/ta/softee_test/include
# Programs using libteec find it beside the build, without installing.
INTEG_TEEC_LIBS = -L$(BUILD)/lib -lteec -Wl,-rpath,$(abspath $(BUILD)/lib)

CLIENT_SUITE_SRCS := tests/integration/client_suite.c \
	tests/integration/client_suite_mem.c \
	tests/integration/client_suite_stack.c \
	tests/integration/client_suite_robust.c
BAD_INPUT_SRCS := tests/integration/bad_input.c \
	tests/integration/bad_input_dev.c \
	tests/integration/bad_input_smc.c

$(foreach f,$(CLIENT_SUITE_SRCS) $(BAD_INPUT_SRCS),$(eval CFLAGS_$(f) := $(INTEG_INC)))

$(INTEG_DIR)/client_suite: $(call objs,$(CLIENT_SUITE_SRCS)) $(COMMON_LIB) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_client_suite = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)

$(INTEG_DIR)/bad_input: $(call objs,$(BAD_INPUT_SRCS)) $(COMMON_LIB) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_bad_input = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)

# Test TAs, built with the TA dev kit as any OP-TEE TA is (ta/module.mk).
SOFTEE_TEST_TAS := softee_test softee_test_multi softee_test_single
$(foreach t,$(SOFTEE_TEST_TAS),$(call build_ta,$(t),tests/ta/$(t)))
SOFTEE_TEST_TA_FILES := $(foreach t,$(SOFTEE_TEST_TAS),$(TA_FILE_$(t)))

softee-test-tas: $(SOFTEE_TEST_TA_FILES)
integration-tests: $(INTEG_DIR)/client_suite $(INTEG_DIR)/bad_input \
	$(SOFTEE_TEST_TA_FILES)
.PHONY: softee-test-tas integration-tests

ALL_TARGETS += $(INTEG_DIR)/client_suite $(INTEG_DIR)/bad_input
DEPS += $(call deps,$(CLIENT_SUITE_SRCS) $(BAD_INPUT_SRCS))

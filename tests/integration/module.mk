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
	tests/integration/private_secure.c \
	tests/integration/bad_input_dev.c \
	tests/integration/bad_input_smc.c

# Dynamic shared memory (issue 3): libteec-level tests and hostile input.
DYN_SHM_SRCS := tests/integration/dyn_shm.c \
	tests/integration/dyn_shm_shared.c \
	tests/integration/dyn_shm_limits.c \
	tests/integration/dyn_util.c
HOSTILE_SHM_SRCS := tests/integration/hostile_shm.c \
	tests/integration/private_secure.c \
	tests/integration/hostile_shm_smc.c \
	tests/integration/hostile_shm_dev.c \
	tests/integration/dyn_util.c

$(foreach f,$(sort $(CLIENT_SUITE_SRCS) $(BAD_INPUT_SRCS) $(DYN_SHM_SRCS) \
	$(HOSTILE_SHM_SRCS)),$(eval CFLAGS_$(f) := $(INTEG_INC)))

$(INTEG_DIR)/client_suite: $(call objs,$(CLIENT_SUITE_SRCS)) $(COMMON_LIB) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_client_suite = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)

$(INTEG_DIR)/bad_input: $(call objs,$(BAD_INPUT_SRCS)) $(COMMON_LIB) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_bad_input = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)

$(INTEG_DIR)/dyn_shm: $(call objs,$(DYN_SHM_SRCS)) $(COMMON_LIB) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_dyn_shm = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS) -lpthread

$(INTEG_DIR)/hostile_shm: $(call objs,$(HOSTILE_SHM_SRCS)) $(COMMON_LIB) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_hostile_shm = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)

# Test TAs, built with the TA dev kit as any OP-TEE TA is (ta/module.mk).
SOFTEE_TEST_TAS := softee_test softee_test_multi softee_test_single
$(foreach t,$(SOFTEE_TEST_TAS),$(call build_ta,$(t),tests/ta/$(t)))
SOFTEE_TEST_TA_FILES := $(foreach t,$(SOFTEE_TEST_TAS),$(TA_FILE_$(t)))

softee-test-tas: $(SOFTEE_TEST_TA_FILES)
integration-tests: $(INTEG_DIR)/client_suite $(INTEG_DIR)/bad_input \
	$(INTEG_DIR)/dyn_shm $(INTEG_DIR)/hostile_shm \
	$(SOFTEE_TEST_TA_FILES)
.PHONY: softee-test-tas integration-tests

ALL_TARGETS += $(INTEG_DIR)/client_suite $(INTEG_DIR)/bad_input \
	$(INTEG_DIR)/dyn_shm $(INTEG_DIR)/hostile_shm
DEPS += $(call deps,$(sort $(CLIENT_SUITE_SRCS) $(BAD_INPUT_SRCS) $(DYN_SHM_SRCS) \
	$(HOSTILE_SHM_SRCS)))

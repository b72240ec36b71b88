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

# Several normal worlds (issue 5): raw hostile guests and clean-up.
VMS_TEST_SRCS := tests/integration/vms_test.c \
	tests/integration/vms_hostile.c tests/integration/vms_cleanup.c \
	tests/integration/vms_big.c \
	tests/integration/vms_guest.c tests/integration/private_secure.c \
	tests/integration/dyn_util.c

$(foreach f,$(sort $(CLIENT_SUITE_SRCS) $(BAD_INPUT_SRCS) $(DYN_SHM_SRCS) \
	$(HOSTILE_SHM_SRCS) $(VMS_TEST_SRCS)),$(eval CFLAGS_$(f) := $(INTEG_INC)))

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

$(INTEG_DIR)/vms_test: $(call objs,$(VMS_TEST_SRCS)) $(COMMON_LIB) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_vms_test = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)

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
	$(INTEG_DIR)/dyn_shm $(INTEG_DIR)/hostile_shm $(INTEG_DIR)/vms_test \
	$(SOFTEE_TEST_TA_FILES)
.PHONY: softee-test-tas integration-tests

ALL_TARGETS += $(INTEG_DIR)/client_suite $(INTEG_DIR)/bad_input \
	$(INTEG_DIR)/dyn_shm $(INTEG_DIR)/hostile_shm $(INTEG_DIR)/vms_test
DEPS += $(call deps,$(sort $(CLIENT_SUITE_SRCS) $(BAD_INPUT_SRCS) $(DYN_SHM_SRCS) \
	$(HOSTILE_SHM_SRCS) $(VMS_TEST_SRCS)))

# Fault injection under load (its own fragment).
include tests/integration/fault_inject.mk

# Secure storage: test TAs, client, unit tests (its own fragment).
include tests/integration/storage.mk

# Asymmetric crypto and big integers (its own fragment).
include tests/integration/asym_kat.mk

# Objects, operations and symmetric crypto (its own fragment).
include tests/integration/crypto_kat.mk

# Signed TA images: bad images and signing keys (its own fragment).
include tests/integration/ta_images.mk

# TA sandbox and TA-to-TA sessions (issue 4): test TAs, their client
# suites (ta_sandbox.sh, ta2ta.sh) and the unit test of the secure
# world's session and time syscall services.
TA2TA_TEST_TAS := softee_sandbox softee_ta2ta
$(foreach t,$(TA2TA_TEST_TAS),$(call build_ta,$(t),tests/ta/$(t)))
$(call build_ta,softee_ta2ta_peer,tests/ta/softee_ta2ta/peer)
$(call build_ta,softee_sandbox_ctor,tests/ta/softee_sandbox/ctor)
TA2TA_TA_FILES := $(foreach t,$(TA2TA_TEST_TAS) softee_ta2ta_peer \
	softee_sandbox_ctor,$(TA_FILE_$(t)))
TA2TA_INC := -Itests/lib -Itests/ta/softee_test/include \
	-Itests/ta/softee_sandbox/include -Itests/ta/softee_ta2ta/include
CFLAGS_tests/integration/ta_sandbox.c := $(TA2TA_INC)
CFLAGS_tests/integration/ta2ta.c := $(TA2TA_INC)

$(INTEG_DIR)/ta_sandbox: $(call objs,tests/integration/ta_sandbox.c) \
		$(COMMON_LIB) $(BUILD)/lib/libteec.so | $(TA2TA_TA_FILES)
	$(link_prog)
LDLIBS_ta_sandbox = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)
$(INTEG_DIR)/ta2ta: $(call objs,tests/integration/ta2ta.c) \
		$(COMMON_LIB) $(BUILD)/lib/libteec.so | $(TA2TA_TA_FILES)
	$(link_prog)
LDLIBS_ta2ta = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS) -lpthread

CFLAGS_tests/unit/secure_ta_sys.c := -Isecure -Itests/lib
TA2TA_UNIT := $(BUILD)/tests/unit/secure_ta_sys
TEST_UNIT_PROGS += $(TA2TA_UNIT)

integration-tests: $(INTEG_DIR)/ta_sandbox $(INTEG_DIR)/ta2ta
ALL_TARGETS += $(INTEG_DIR)/ta_sandbox $(INTEG_DIR)/ta2ta $(TA2TA_UNIT)
DEPS += $(call deps,tests/integration/ta_sandbox.c tests/integration/ta2ta.c \
	tests/unit/secure_ta_sys.c)

# Secure storage (issue 4): the storage test TAs (tests/ta/softee_storage*),
# their client (storage.sh drives it) and the unit tests of the file
# format (secure) and of the REE FS requests (supplicant).
STORAGE_TEST_TAS := softee_storage softee_storage2
$(foreach t,$(STORAGE_TEST_TAS),$(call build_ta,$(t),tests/ta/$(t)))
STORAGE_TA_FILES := $(foreach t,$(STORAGE_TEST_TAS),$(TA_FILE_$(t)))

STORAGE_SRCS := tests/integration/storage.c tests/integration/storage_files.c \
	tests/integration/storage_gp.c
$(foreach f,$(STORAGE_SRCS),$(eval CFLAGS_$(f) := -Itests/lib \
	-Itests/ta/softee_storage/include))

$(INTEG_DIR)/storage: $(call objs,$(STORAGE_SRCS)) $(COMMON_LIB) \
		$(BUILD)/lib/libteec.so | $(STORAGE_TA_FILES)
	$(link_prog)
LDLIBS_storage = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)

# Unit tests: the storage file format, the supplicant's FS requests.
CFLAGS_tests/unit/secure_storage_fmt.c := -Isecure -Itests/lib
CFLAGS_tests/unit/supp_fs_test.c := -Isupplicant -Ilib/libteec -Itests/lib
$(BUILD)/tests/unit/supp_fs: $(call objs,tests/unit/supp_fs_test.c \
		supplicant/supp_fs_ops.c supplicant/supp_req.c) $(COMMON_LIB)
	$(link_prog)
LDLIBS_supp_fs := $(COMMON_LDLIBS)
STORAGE_UNIT := $(BUILD)/tests/unit/secure_storage_fmt $(BUILD)/tests/unit/supp_fs
TEST_UNIT_PROGS += $(STORAGE_UNIT)

integration-tests: $(INTEG_DIR)/storage
ALL_TARGETS += $(INTEG_DIR)/storage $(STORAGE_UNIT)
DEPS += $(call deps,$(STORAGE_SRCS) tests/unit/secure_storage_fmt.c \
	tests/unit/supp_fs_test.c)

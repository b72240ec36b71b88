# secure: softee-secure (the secure world), its unit tests.
SECURE_LIB_SRCS := secure/sw_config.c secure/frame_table.c secure/mobj.c \
	secure/msg_param.c secure/thread.c secure/rpc.c secure/ta_loader.c \
	secure/ta_host.c secure/ta_manager.c secure/ta_manager_ta2ta.c \
	secure/entry_fast.c \
	secure/entry_std.c secure/pagelist.c secure/shm_reg.c secure/frame_hash.c \
	secure/ta_syscall.c secure/ta_sys_time.c secure/ta_sys_session.c \
	secure/storage/ta_sys_storage.c secure/storage/stor_key.c \
	secure/storage/stor_fmt.c secure/storage/stor_fs.c \
	secure/storage/stor_store.c secure/storage/stor_obj.c secure/vm.c
# Services in subfolders include the secure world's own headers.
$(foreach f,$(SECURE_LIB_SRCS),$(if $(findstring /,$(f:secure/%=%)),$(eval CFLAGS_$(f) += -Isecure)))
SECURE_SRCS := $(SECURE_LIB_SRCS) secure/channel.c secure/main.c
SECURE_BIN := $(BUILD)/bin/softee-secure
SECURE_LIB := $(BUILD)/lib/libsofteesecure.a

$(SECURE_LIB): $(call objs,$(SECURE_LIB_SRCS))
	$(make_archive)

$(SECURE_BIN): $(call objs,secure/channel.c secure/main.c) $(SECURE_LIB) $(COMMON_LIB)
	$(link_prog)
LDLIBS_softee-secure := $(COMMON_LDLIBS)

SECURE_TESTS := tests/unit/secure_frame_table.c tests/unit/secure_msg_param.c \
	tests/unit/secure_entry_fast.c tests/unit/secure_rpc.c \
	tests/unit/secure_pagelist.c tests/unit/secure_shm_reg.c \
	tests/unit/secure_vm.c
SECURE_TEST_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(SECURE_TESTS))

$(BUILD)/tests/unit/secure_%: $(BUILD)/obj/tests/unit/secure_%.o $(SECURE_LIB) $(COMMON_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o %.a,$^) $(COMMON_LDLIBS)

CFLAGS_tests/unit/secure_frame_table.c := -Isecure -Itests/lib
CFLAGS_tests/unit/secure_msg_param.c := -Isecure -Itests/lib
CFLAGS_tests/unit/secure_entry_fast.c := -Isecure -Itests/lib
CFLAGS_tests/unit/secure_rpc.c := -Isecure -Itests/lib
CFLAGS_tests/unit/secure_pagelist.c := -Isecure -Itests/lib
CFLAGS_tests/unit/secure_shm_reg.c := -Isecure -Itests/lib
CFLAGS_tests/unit/secure_vm.c := -Isecure -Itests/lib

TEST_UNIT_PROGS += $(SECURE_TEST_BINS)
ALL_TARGETS += $(SECURE_BIN) $(SECURE_TEST_BINS)
DEPS += $(call deps,$(SECURE_SRCS) $(SECURE_TESTS))

# driver: softee-driver (TEE core + OP-TEE SMC driver) and its unit tests.
DRIVER_LIB_SRCS := driver/tee_core.c driver/tee_shm.c driver/tee_shm_pool.c \
	driver/tee_frames.c driver/tee_pagelist.c driver/tee_shm_reg.c \
	driver/tee_shm_dyn.c driver/tee_usage.c driver/work_pool.c \
	driver/device_server.c driver/optee/core.c driver/optee/call.c \
	driver/optee/rpc.c driver/optee/supp.c driver/optee/smc_chan.c
DRIVER_SRCS := $(DRIVER_LIB_SRCS) driver/main.c
DRIVER_LIB := $(BUILD)/lib/libsofteedriver.a
DRIVER_BIN := $(BUILD)/bin/softee-driver

$(DRIVER_LIB): $(call objs,$(DRIVER_LIB_SRCS))
	$(make_archive)

$(DRIVER_BIN): $(call objs,driver/main.c) $(DRIVER_LIB) $(COMMON_LIB)
	$(link_prog)
LDLIBS_softee-driver := $(COMMON_LDLIBS)

$(call objs,$(DRIVER_SRCS)): CFLAGS += -Idriver

DRIVER_TESTS := driver_pool driver_shm driver_params driver_supp driver_rpc \
	driver_frames driver_pagelist driver_shmreg
DRIVER_TEST_BINS := $(patsubst %,$(BUILD)/tests/unit/%,$(DRIVER_TESTS))
$(call objs,$(patsubst %,tests/unit/%.c,$(DRIVER_TESTS))): CFLAGS += -Idriver -Itests/lib

$(BUILD)/tests/unit/driver_%: $(BUILD)/obj/tests/unit/driver_%.o $(DRIVER_LIB) $(COMMON_LIB)
	$(link_prog)
$(foreach t,$(DRIVER_TESTS),$(eval LDLIBS_$(t) := $(COMMON_LDLIBS)))

ALL_TARGETS += $(DRIVER_BIN) $(DRIVER_TEST_BINS)
DEPS += $(call deps,$(DRIVER_SRCS) $(patsubst %,tests/unit/%.c,$(DRIVER_TESTS)))

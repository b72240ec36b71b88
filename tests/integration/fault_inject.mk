# Fault injection (tests/integration/fault_inject.sh): the injector runs
# inside a stack with a mixed client load (tools/perf/perf_load.c) and
# kills clients, the supplicant and TA hosts. `make fault` is the long run.
FAULT_SRCS := tests/integration/fault_inject.c tests/integration/fault_inject_stack.c \
	tests/integration/fault_inject_storage.c
$(foreach f,$(FAULT_SRCS),$(eval CFLAGS_$(f) := -Itests/lib -Itools/perf \
	-Itests/ta/softee_bench/include -Itests/ta/softee_storage/include))

$(INTEG_DIR)/fault_inject: $(call objs,$(FAULT_SRCS) tools/perf/perf_load.c \
		tools/perf/perf_proc.c) $(COMMON_LIB) $(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_fault_inject = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)

ALL_TARGETS += $(INTEG_DIR)/fault_inject
DEPS += $(call deps,$(FAULT_SRCS))

# The long run: FAULT_KILLS kills (default 200); FAULT_SEED to replay one.
FAULT_KILLS ?= 200
fault: all
	FAULT_KILLS=$(FAULT_KILLS) FAULT_SEED=$(FAULT_SEED) \
		bash tests/integration/fault_inject.sh $(BUILD)

.PHONY: fault

# tools/perf: softee-perf (`softee perf shm`), its bench TA, and `make bench`.
PERF_SRCS := tools/perf/perf_main.c tools/perf/perf_worker.c \
	tools/perf/perf_stats.c tools/perf/perf_rows.c tools/perf/perf_report.c
PERF_BIN := $(BUILD)/bin/softee-perf
$(foreach f,$(PERF_SRCS),$(eval CFLAGS_$(f) := -Ilib/libteec \
	-Itests/ta/softee_bench/include))

# The TA the worker invokes (tests/ta/softee_bench, built with the dev kit).
$(call build_ta,softee_bench,tests/ta/softee_bench)

# libteec as any client uses it; the static device layer only asks the
# driver for its capabilities (REG_MEM).
$(PERF_BIN): $(call objs,$(PERF_SRCS)) $(TEEDEV_LIB) $(COMMON_LIB) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_softee-perf = -L$(BUILD)/lib -lteec '-Wl,-rpath,$$ORIGIN/../lib' \
	$(COMMON_LDLIBS)

ALL_TARGETS += $(PERF_BIN)
DEPS += $(call deps,$(PERF_SRCS))

# The benchmark with its defaults (never fails on a missed target).
bench: $(PERF_BIN) $(CLI_BIN) $(TA_FILE_softee_bench) $(BUILD)/bin/softee-driver \
		$(BUILD)/bin/softee-secure $(BUILD)/bin/softee-ta $(SUPP_BIN)
	$(CLI_BIN) perf shm

.PHONY: bench

# Unit test of the statistics, CSV rows, the shared pass and the verdicts.
PERF_TEST_SRCS := tools/perf/perf_unit_test.c
CFLAGS_tools/perf/perf_unit_test.c := -Itests/lib -Itests/ta/softee_bench/include
$(BUILD)/tests/unit/perf_shm: $(call objs,$(PERF_TEST_SRCS) tools/perf/perf_stats.c \
		tools/perf/perf_rows.c tools/perf/perf_report.c) $(COMMON_LIB)
	$(link_prog)
TEST_UNIT_PROGS += $(BUILD)/tests/unit/perf_shm
ALL_TARGETS += $(BUILD)/tests/unit/perf_shm
DEPS += $(call deps,$(PERF_TEST_SRCS))

# tools/perf: softee-perf (`softee perf ...`), its bench TAs, and `make bench`.
PERF_SRCS := tools/perf/perf_main.c tools/perf/perf_env.c \
	tools/perf/perf_rec.c tools/perf/perf_table.c tools/perf/perf_doc.c \
	tools/perf/perf_plot.c tools/perf/perf_client.c tools/perf/perf_proc.c \
	tools/perf/perf_load.c tools/perf/perf_all.c \
	tools/perf/perf_shm.c tools/perf/perf_worker.c tools/perf/perf_stats.c \
	tools/perf/perf_rows.c tools/perf/perf_report.c \
	tools/perf/perf_null.c tools/perf/perf_session.c tools/perf/perf_scale.c \
	tools/perf/perf_soak.c tools/perf/perf_soak_load.c \
	tools/perf/perf_crypto.c tools/perf/perf_hyp.c
PERF_BIN := $(BUILD)/bin/softee-perf
$(foreach f,$(PERF_SRCS),$(eval CFLAGS_$(f) := -Ilib/libteec \
	-Itests/ta/softee_bench/include))

# The TAs the workers invoke (tests/ta/softee_bench, built with the dev
# kit): single-instance, and the same code as a multi-instance TA.
$(call build_ta,softee_bench,tests/ta/softee_bench)
$(call build_ta,softee_bench_multi,tests/ta/softee_bench/multi)
# SHA-256 and AES-GCM inside a TA (`softee perf crypto`).
$(call build_ta,softee_bench_crypto,tests/ta/softee_bench/crypto)
PERF_TA_FILES := $(TA_FILE_softee_bench) $(TA_FILE_softee_bench_multi) \
	$(TA_FILE_softee_bench_crypto)

# libteec as any client uses it; the static device layer only asks the
# driver for its capabilities (REG_MEM).
$(PERF_BIN): $(call objs,$(PERF_SRCS)) $(TEEDEV_LIB) $(COMMON_LIB) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_softee-perf = -L$(BUILD)/lib -lteec '-Wl,-rpath,$$ORIGIN/../lib' \
	$(COMMON_LDLIBS) -lm

ALL_TARGETS += $(PERF_BIN)
DEPS += $(call deps,$(PERF_SRCS))

PERF_RUN_DEPS := $(PERF_BIN) $(CLI_BIN) $(PERF_TA_FILES) \
	$(BUILD)/bin/softee-driver $(BUILD)/bin/softee-secure \
	$(BUILD)/bin/softee-ta $(SUPP_BIN)

# The benchmarks with their defaults (never fail on a missed target).
bench: $(PERF_RUN_DEPS)
	$(CLI_BIN) perf shm

# Every benchmark, the soak included (PERF_ARGS=--quick for a smoke run).
bench-all: $(PERF_RUN_DEPS)
	$(CLI_BIN) perf all $(PERF_ARGS)

# A soak of SOAK_DURATION (e.g. 30m).
SOAK_DURATION ?= 30m
soak: $(PERF_RUN_DEPS)
	$(CLI_BIN) perf soak --duration $(SOAK_DURATION)

.PHONY: bench bench-all soak

# Unit test of the statistics, CSV rows, tables, the report sections, the
# soak verdict and the shared pass.
PERF_TEST_SRCS := tools/perf/perf_unit_test.c
CFLAGS_tools/perf/perf_unit_test.c := -Itests/lib -Itests/ta/softee_bench/include
$(BUILD)/tests/unit/perf_shm: $(call objs,$(PERF_TEST_SRCS) tools/perf/perf_stats.c \
		tools/perf/perf_rows.c tools/perf/perf_report.c tools/perf/perf_rec.c \
		tools/perf/perf_table.c tools/perf/perf_doc.c tools/perf/perf_env.c \
		tools/perf/perf_soak.c tools/perf/perf_plot.c) $(COMMON_LIB)
	$(link_prog)
LDLIBS_perf_shm := -lm
TEST_UNIT_PROGS += $(BUILD)/tests/unit/perf_shm
ALL_TARGETS += $(BUILD)/tests/unit/perf_shm
DEPS += $(call deps,$(PERF_TEST_SRCS))

# tools: the `softee` command line (stack control, run, status, sign).
CLI_SRCS := tools/softee/main.c tools/softee/opts.c tools/softee/cli_util.c \
	tools/softee/stack.c tools/softee/run.c tools/softee/start.c \
	tools/softee/status.c tools/softee/sign.c tools/softee/vms.c
CLI_BIN := $(BUILD)/bin/softee
CFLAGS_tools/softee/stack.c += -DSOFTEE_PREFIX=\"$(PREFIX)\"

$(CLI_BIN): $(call objs,$(CLI_SRCS)) $(COMMON_LIB)
	$(link_prog)
LDLIBS_softee := $(COMMON_LDLIBS)

ALL_TARGETS += $(CLI_BIN)
DEPS += $(call deps,$(CLI_SRCS))

# Unit test of the option parsing (sizes, numbers, run's command).
CLI_TEST_SRCS := tests/unit/supp_cli_opts_test.c
CFLAGS_tests/unit/supp_cli_opts_test.c += -Itools/softee -Itests/lib
$(BUILD)/tests/unit/supp_cli_opts: $(call objs,$(CLI_TEST_SRCS) tools/softee/opts.c) $(COMMON_LIB)
	$(link_prog)
LDLIBS_supp_cli_opts := $(COMMON_LDLIBS)
TEST_UNIT_PROGS += $(BUILD)/tests/unit/supp_cli_opts
ALL_TARGETS += $(BUILD)/tests/unit/supp_cli_opts
DEPS += $(call deps,$(CLI_TEST_SRCS))

install-tools: $(CLI_BIN) $(SUPP_BIN)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(CLI_BIN) $(SUPP_BIN) $(DESTDIR)$(PREFIX)/bin/

.PHONY: install-tools

# The benchmark tool (`softee perf ...`).
include tools/perf/module.mk

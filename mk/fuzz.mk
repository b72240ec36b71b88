# libFuzzer targets (clang): one binary per tests/fuzz/fuzz_<part>_<what>.c,
# linked with the sources of <part> minus its main.c.
#   make fuzz                    build all targets and run each FUZZ_TIME s
#   make fuzz FUZZ_TIME=600      the long run
#   make fuzz-build              only build them (build/fuzz/)
# Seed corpora live in tests/fuzz/corpus/<target>/; findings go to
# build/fuzz/findings/<target>/ and each fixed one becomes a regression
# input under tests/fuzz/regressions/<target>/ (replayed by every `make fuzz`,
# so by CI, before the timed run).
FUZZ_CC ?= clang
FUZZ_TIME ?= 30
FUZZ_BUILD := build/fuzz
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fPIC -pthread \
	-Iinclude -Iinclude/uapi -Ilib/protocol -Ilib/common -Ilib/libteec \
	-Idriver -Idriver/optee -Isecure -Ihyp -Ita/host -Ita/libutee -Isupplicant \
	-Ita/devkit/include -DSOFTEE_FUZZING=1 -DSOFTEE_VERSION=\"fuzz\"

FUZZ_COMMON_SRCS := lib/common/log.c lib/common/util.c lib/common/ctl.c \
	lib/protocol/wire.c lib/protocol/ta_image.c
FUZZ_TARGET_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/%,$(FUZZ_TARGET_SRCS))

# part name -> sources (set by the part's module.mk as FUZZ_PART_SRCS_<part>)
fuzz_part = $(word 2,$(subst _, ,$(notdir $(1))))

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON_SRCS) FORCE_FUZZ_SRCS
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_COMMON_SRCS) \
		$(FUZZ_PART_SRCS_$(call fuzz_part,$@)) -lcrypto

FORCE_FUZZ_SRCS:

fuzz-build: $(FUZZ_TARGETS)

fuzz: fuzz-build
	bash tests/fuzz/run_fuzz.sh $(FUZZ_BUILD) $(FUZZ_TIME)

.PHONY: fuzz fuzz-build FORCE_FUZZ_SRCS

# Which sources each part's fuzz targets link with (everything but main).
FUZZ_PART_SRCS_driver = $(DRIVER_LIB_SRCS)
FUZZ_PART_SRCS_secure = $(SECURE_LIB_SRCS)
FUZZ_PART_SRCS_ta = ta/host/ta_msg.c
FUZZ_PART_SRCS_teedev = lib/libteec/teedev_reply.c
# The hypervisor's translation of guest messages (pure over callbacks).
FUZZ_PART_SRCS_hyp = hyp/translate.c

# hyp: softee-hyp, the hypervisor's OP-TEE mediator (issue 5), its tests.
HYP_LIB_SRCS := hyp/host_frames.c hyp/pfn_hash.c hyp/ipa_map.c \
	hyp/upstream.c hyp/scratch.c hyp/translate.c hyp/shadow.c \
	hyp/rpc.c hyp/call.c \
	hyp/quota.c hyp/guest.c hyp/ctl.c
HYP_SRCS := $(HYP_LIB_SRCS) hyp/main.c
HYP_BIN := $(BUILD)/bin/softee-hyp
HYP_LIB := $(BUILD)/lib/libsofteehyp.a

$(HYP_LIB): $(call objs,$(HYP_LIB_SRCS))
	$(make_archive)

$(HYP_BIN): $(call objs,hyp/main.c) $(HYP_LIB) $(COMMON_LIB)
	$(link_prog)
LDLIBS_softee-hyp := $(COMMON_LDLIBS)

HYP_TESTS := tests/unit/hyp_translate.c tests/unit/hyp_maps.c
HYP_TEST_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(HYP_TESTS))
$(BUILD)/tests/unit/hyp_%: $(BUILD)/obj/tests/unit/hyp_%.o $(HYP_LIB) $(COMMON_LIB)
	$(link_prog)
$(foreach t,$(HYP_TESTS),$(eval CFLAGS_$(t) := -Ihyp -Itests/lib))
$(foreach t,$(HYP_TESTS),$(eval LDLIBS_$(notdir $(t:.c=)) := $(COMMON_LDLIBS)))

$(call objs,$(HYP_SRCS)): CFLAGS += -Ihyp

TEST_UNIT_PROGS += $(HYP_TEST_BINS)
ALL_TARGETS += $(HYP_BIN) $(HYP_TEST_BINS)
DEPS += $(call deps,$(HYP_SRCS) $(HYP_TESTS))

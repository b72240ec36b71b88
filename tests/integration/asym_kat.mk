# Asymmetric crypto and big integers (issue 4): the softee_asym test TA
# and its client asym_kat (run by asym_kat.sh).
$(call build_ta,softee_asym,tests/ta/softee_asym)
CFLAGS_tests/integration/asym_kat.c := -Itests/lib -Itests/ta/softee_asym/include

$(INTEG_DIR)/asym_kat: $(call objs,tests/integration/asym_kat.c) \
		$(COMMON_LIB) $(BUILD)/lib/libteec.so | $(TA_FILE_softee_asym)
	$(link_prog)
LDLIBS_asym_kat = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)

integration-tests: $(INTEG_DIR)/asym_kat
ALL_TARGETS += $(INTEG_DIR)/asym_kat
DEPS += $(call deps,tests/integration/asym_kat.c)

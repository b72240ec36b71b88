# Signed TA images (issue 4): ta_images.sh lays out bad images and custom
# signing keys; ta_images opens sessions to them and reads the secure log.
CFLAGS_tests/integration/ta_images.c := $(INTEG_INC)
$(INTEG_DIR)/ta_images: $(call objs,tests/integration/ta_images.c) \
		$(COMMON_LIB) $(BUILD)/lib/libteec.so | $(SOFTEE_TEST_TA_FILES)
	$(link_prog)
LDLIBS_ta_images = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)

integration-tests: $(INTEG_DIR)/ta_images
ALL_TARGETS += $(INTEG_DIR)/ta_images
DEPS += $(call deps,tests/integration/ta_images.c)

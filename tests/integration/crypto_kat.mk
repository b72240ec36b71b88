# Objects, operations and symmetric crypto (issue 4): the test TA
# tests/ta/softee_crypto, its client crypto_kat (crypto_kat.sh runs it
# and the secure_hash_aes sample).
$(call build_ta,softee_crypto,tests/ta/softee_crypto)

CRYPTO_KAT_SRCS := tests/integration/crypto_kat.c
CFLAGS_tests/integration/crypto_kat.c := -Itests/lib \
	-Itests/ta/softee_crypto/include

$(INTEG_DIR)/crypto_kat: $(call objs,$(CRYPTO_KAT_SRCS)) $(COMMON_LIB) \
		$(BUILD)/lib/libteec.so | $(TA_FILE_softee_crypto)
	$(link_prog)
LDLIBS_crypto_kat = $(INTEG_TEEC_LIBS) $(COMMON_LDLIBS)

integration-tests: $(INTEG_DIR)/crypto_kat
ALL_TARGETS += $(INTEG_DIR)/crypto_kat
DEPS += $(call deps,$(CRYPTO_KAT_SRCS))

# ta: the TA host (softee-ta), the Internal API it exports to TAs, the
# signing tool, the exported TA dev kit and the build_ta helper.

TA_INC_FLAGS := -Ita/devkit/include -Ita/libutee -Ita/host

UTEE_SRCS := ta/libutee/utee_runtime.c ta/libutee/tee_api_mem.c \
	ta/libutee/tee_api_cancel.c ta/libutee/tee_api_time.c \
	ta/libutee/tee_api_random.c ta/libutee/utee_trace.c \
	ta/libutee/utee_props.c ta/libutee/tee_api_property.c \
	ta/libutee/tee_api_gp11_base.c
TA_HOST_SRCS := ta/host/ta_main.c ta/host/ta_msg.c ta/host/ta_mem.c \
	ta/host/ta_loader.c ta/host/ta_call.c
TA_SIGN_SRCS := ta/sign/softee_sign.c
# TA-to-TA sessions; the host's sandbox and memory access rights.
UTEE_SRCS += ta/libutee/tee_api_session.c ta/libutee/utee_mem.c
TA_HOST_SRCS += ta/host/ta_sandbox.c ta/host/ta_access.c
# Big integers, asymmetric crypto and key derivation on OpenSSL.
UTEE_SRCS += ta/libutee/tee_api_arith.c ta/libutee/tee_api_arith_mod.c \
	ta/libutee/tee_api_asym_alg.c ta/libutee/tee_api_asym_key.c \
	ta/libutee/tee_api_asym_gen.c ta/libutee/tee_api_asym_op.c \
	ta/libutee/tee_api_asym_cipher.c ta/libutee/tee_api_asym_sign.c \
	ta/libutee/tee_api_derive.c ta/libutee/tee_api_gp11_asym.c
# Key derivation functions (HKDF, PBKDF2, Concat KDF) on OpenSSL's EVP_KDF.
UTEE_SRCS += ta/libutee/tee_api_kdf.c
# Objects, operations and symmetric crypto on OpenSSL.
UTEE_SRCS += ta/libutee/tee_api_object.c ta/libutee/tee_api_object_attr.c \
	ta/libutee/tee_api_object_gen.c ta/libutee/tee_api_object_handle.c \
	ta/libutee/tee_api_object_type.c ta/libutee/tee_api_operation.c \
	ta/libutee/tee_api_operation_alg.c ta/libutee/tee_api_crypto_init.c \
	ta/libutee/tee_api_crypto_digest.c ta/libutee/tee_api_crypto_cipher.c \
	ta/libutee/tee_api_crypto_cipher_modes.c ta/libutee/tee_api_crypto_mac.c \
	ta/libutee/tee_api_crypto_ae.c ta/libutee/tee_api_crypto_ccm.c \
	ta/libutee/tee_api_gp11_crypto.c
# Persistent objects, enumerators and data streams (secure storage).
UTEE_SRCS += ta/libutee/tee_api_storage.c ta/libutee/tee_api_storage_data.c \
	ta/libutee/tee_api_storage_enum.c

$(foreach f,$(UTEE_SRCS) $(TA_HOST_SRCS),$(eval CFLAGS_$(f) := $(TA_INC_FLAGS)))

# softee-ta exports only the Internal API (not its internals) to TAs.
$(BUILD)/bin/softee-ta: $(call objs,$(TA_HOST_SRCS) $(UTEE_SRCS)) $(COMMON_LIB) \
		ta/host/softee-ta.dynlist
	$(link_prog)
LDLIBS_softee-ta := -Wl,--dynamic-list=ta/host/softee-ta.dynlist \
	$(COMMON_LDLIBS) -ldl -lseccomp

$(BUILD)/bin/softee-sign: $(call objs,$(TA_SIGN_SRCS)) $(COMMON_LIB)
	$(link_prog)
LDLIBS_softee-sign := $(COMMON_LDLIBS)

ALL_TARGETS += $(BUILD)/bin/softee-ta $(BUILD)/bin/softee-sign
DEPS += $(call deps,$(UTEE_SRCS) $(TA_HOST_SRCS) $(TA_SIGN_SRCS))

# --- exported dev kit ---------------------------------------------------
TA_DEVKIT_OUT := $(BUILD)/export/ta_dev_kit
TA_DEVKIT_SRC_FILES := $(wildcard ta/devkit/include/*.h) \
	ta/devkit/src/user_ta_header.c ta/devkit/mk/ta_dev_kit.mk \
	ta/devkit/mk/conf.mk
TA_DEVKIT_FILES := $(patsubst ta/devkit/%,$(TA_DEVKIT_OUT)/%,$(TA_DEVKIT_SRC_FILES)) \
	$(TA_DEVKIT_OUT)/keys/default_ta.pem $(TA_DEVKIT_OUT)/bin/softee-sign
TA_DEVKIT_STAMP := $(TA_DEVKIT_OUT)/.stamp

$(TA_DEVKIT_OUT)/%: ta/devkit/%
	install -D -m 644 $< $@
$(TA_DEVKIT_OUT)/keys/default_ta.pem: keys/dev_ta_key.pem
	install -D -m 600 $< $@
$(TA_DEVKIT_OUT)/bin/softee-sign: $(BUILD)/bin/softee-sign
	install -D -m 755 $< $@
$(TA_DEVKIT_STAMP): $(TA_DEVKIT_FILES)
	touch $@

ALL_TARGETS += $(TA_DEVKIT_STAMP)

# --- building TA directories -------------------------------------------
# $(call build_ta,NAME,DIR): build the OP-TEE style TA in DIR (its
# Makefile sets BINARY=<uuid>) with the exported dev kit into
# $(BUILD)/ta-build/NAME and copy <uuid>.ta to $(BUILD)/ta/. Defines
# TA_UUID_NAME and TA_FILE_NAME, and adds the .ta to ALL_TARGETS. TAs are
# built without sanitizers even with SAN=1 (softee-ta has them).
ta_binary_of = $(strip $(shell sed -n \
	's/^[[:space:]]*BINARY[[:space:]]*[:?]*=[[:space:]]*\([0-9a-fA-F-]*\).*/\1/p' \
	$(1)/Makefile | head -n 1))

define build_ta_rule
TA_UUID_$(1) := $$(call ta_binary_of,$(2))
TA_FILE_$(1) := $$(BUILD)/ta/$$(TA_UUID_$(1)).ta
ta-build-$(1): $$(TA_DEVKIT_STAMP)
	env -u CFLAGS -u LDFLAGS $$(MAKE) --no-print-directory -C $(2) \
		TA_DEV_KIT_DIR=$$(abspath $$(TA_DEVKIT_OUT)) \
		O=$$(abspath $$(BUILD)/ta-build/$(1))
$$(TA_FILE_$(1)): ta-build-$(1)
	@mkdir -p $$(dir $$@)
	@cmp -s $$(BUILD)/ta-build/$(1)/$$(TA_UUID_$(1)).ta $$@ || \
		cp $$(BUILD)/ta-build/$(1)/$$(TA_UUID_$(1)).ta $$@
.PHONY: ta-build-$(1)
ALL_TARGETS += $$(TA_FILE_$(1))
endef
build_ta = $(eval $(call build_ta_rule,$(1),$(2)))

# A TA of our own that the unit tests drive (panic, wait, memrefs, props).
$(call build_ta,softee_selftest,ta/selftest)
# A TA written for GP 1.1 (CFG_TA_OPTEE_CORE_API_COMPAT_1_1=y); its client
# is built from the export by tests/integration/devkit_example.sh.
$(call build_ta,softee_gp11,tests/ta/softee_gp11)

# --- unit tests -----------------------------------------------------------
TA_TEST_FLAGS := $(TA_INC_FLAGS) -Itests/lib
TA_UNIT_SRCS := tests/unit/ta_msg.c tests/unit/ta_mem.c tests/unit/ta_props.c \
	tests/unit/ta_host.c
$(foreach f,$(TA_UNIT_SRCS),$(eval CFLAGS_$(f) := $(TA_TEST_FLAGS)))

$(BUILD)/tests/unit/ta_msg: $(call objs,tests/unit/ta_msg.c ta/host/ta_msg.c) \
		$(COMMON_LIB)
	$(link_prog)
$(BUILD)/tests/unit/ta_mem: $(call objs,tests/unit/ta_mem.c ta/host/ta_msg.c \
		ta/host/ta_mem.c) $(COMMON_LIB)
	$(link_prog)
$(BUILD)/tests/unit/ta_props: $(call objs,tests/unit/ta_props.c $(UTEE_SRCS)) \
		$(COMMON_LIB)
	$(link_prog)
LDLIBS_ta_props := $(COMMON_LDLIBS)
# Plays the secure world against the real softee-ta and test TAs.
$(BUILD)/tests/unit/ta_host: $(call objs,tests/unit/ta_host.c) $(COMMON_LIB) \
		| $(BUILD)/bin/softee-ta $(TA_FILE_softee_selftest)
	$(link_prog)
LDLIBS_ta_host := $(COMMON_LDLIBS)

TA_UNIT_PROGS := $(addprefix $(BUILD)/tests/unit/,ta_msg ta_mem ta_props ta_host)
TEST_UNIT_PROGS += $(TA_UNIT_PROGS)
ALL_TARGETS += $(TA_UNIT_PROGS)
DEPS += $(call deps,$(TA_UNIT_SRCS))

# --- install ---------------------------------------------------------------
# TAs listed in TA_INSTALL_TAS (samples add theirs) go to optee_armtz.
TA_INSTALL_TAS :=
install-ta: $(BUILD)/bin/softee-ta $(BUILD)/bin/softee-sign $(TA_DEVKIT_STAMP) \
		$(TA_INSTALL_TAS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/optee_armtz \
		$(DESTDIR)$(PREFIX)/share/softee/keys \
		$(DESTDIR)$(PREFIX)/share/softee/ta_dev_kit
	install -m 755 $(BUILD)/bin/softee-ta $(BUILD)/bin/softee-sign \
		$(DESTDIR)$(PREFIX)/bin/
	cp -R $(TA_DEVKIT_OUT)/. $(DESTDIR)$(PREFIX)/share/softee/ta_dev_kit/
	rm -f $(DESTDIR)$(PREFIX)/share/softee/ta_dev_kit/.stamp
	$(if $(TA_INSTALL_TAS),install -m 444 $(TA_INSTALL_TAS) \
		$(DESTDIR)$(PREFIX)/lib/optee_armtz/)
	install -m 644 keys/dev_ta_key.pub.pem $(DESTDIR)$(PREFIX)/share/softee/keys/

.PHONY: install-ta

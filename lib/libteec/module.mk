# lib/libteec: the GP Client API library and the device layer (teedev.h).
# TEEDEV_OBJS is the device layer alone, for the supplicant and the shim.

TEEDEV_SRCS := lib/libteec/teedev.c lib/libteec/teedev_linux.c \
	lib/libteec/teedev_softee.c lib/libteec/teedev_conn.c \
	lib/libteec/teedev_reply.c lib/libteec/teedev_maps.c \
	lib/libteec/teedev_pin.c lib/libteec/teedev_pin_move.c \
	lib/libteec/teedev_pin_pool.c \
	lib/libteec/teedev_pin_fork.c lib/libteec/teedev_reg.c
TEEDEV_OBJS := $(call objs,$(TEEDEV_SRCS))
TEEDEV_LIB := $(BUILD)/lib/libsofteedev.a

TEEC_SRCS := lib/libteec/tee_client_api.c lib/libteec/teec_shm.c \
	lib/libteec/teec_params.c
TEEC_OBJS := $(call objs,$(TEEC_SRCS))

LIBTEEC_SO := $(BUILD)/lib/libteec.so.2.0.0
LIBTEEC_A := $(BUILD)/lib/libteec.a
TEEC_EXPORT_DIR := $(BUILD)/export/teec
TEEC_PUBLIC_HDRS := include/tee_client_api.h include/tee_client_api_extensions.h

$(TEEDEV_LIB): $(TEEDEV_OBJS)
	$(make_archive)

$(LIBTEEC_SO): $(TEEC_OBJS) $(TEEDEV_OBJS) $(COMMON_LIB) lib/libteec/libteec.map
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -shared -Wl,-soname,libteec.so.2 \
		-Wl,--version-script=lib/libteec/libteec.map -Wl,-z,defs \
		-o $@ $(filter %.o %.a,$^)

# The soname link and the development link, as ldconfig would make them.
$(BUILD)/lib/libteec.so.2: $(LIBTEEC_SO)
	ln -sfn libteec.so.2.0.0 $@
$(BUILD)/lib/libteec.so: $(BUILD)/lib/libteec.so.2
	ln -sfn libteec.so.2 $@

# The static library carries the device layer and the common code it uses.
$(LIBTEEC_A): $(TEEC_OBJS) $(TEEDEV_OBJS) $(call objs,lib/common/log.c lib/common/util.c lib/protocol/wire.c)
	$(make_archive)

# The client export, laid out as optee_client's: include/ (public
# headers), lib/ (libteec and its links) and bin/ (the supplicant). Host
# programs build with -I$(TEEC_EXPORT)/include -L$(TEEC_EXPORT)/lib -lteec.
$(TEEC_EXPORT_DIR)/.stamp: $(BUILD)/lib/libteec.so $(LIBTEEC_A) $(TEEC_PUBLIC_HDRS) \
		$(BUILD)/bin/softee-supplicant
	@mkdir -p $(TEEC_EXPORT_DIR)/include $(TEEC_EXPORT_DIR)/lib \
		$(TEEC_EXPORT_DIR)/bin
	cp -f $(TEEC_PUBLIC_HDRS) $(TEEC_EXPORT_DIR)/include/
	cp -f $(LIBTEEC_SO) $(LIBTEEC_A) $(TEEC_EXPORT_DIR)/lib/
	ln -sf libteec.so.2.0.0 $(TEEC_EXPORT_DIR)/lib/libteec.so.2
	ln -sf libteec.so.2 $(TEEC_EXPORT_DIR)/lib/libteec.so
	cp -f $(BUILD)/bin/softee-supplicant $(TEEC_EXPORT_DIR)/bin/
	touch $@

ALL_TARGETS += $(TEEDEV_LIB) $(LIBTEEC_SO) $(BUILD)/lib/libteec.so.2 \
	$(BUILD)/lib/libteec.so $(LIBTEEC_A) $(TEEC_EXPORT_DIR)/.stamp
DEPS += $(call deps,$(TEEDEV_SRCS) $(TEEC_SRCS))

# Unit tests of this part.
LIBTEEC_TEST_SRCS := tests/unit/libteec_api.c tests/unit/libteec_teedev.c \
	tests/unit/libteec_shim.c tests/unit/libteec_pin.c \
	tests/unit/libteec_pin_pool.c tests/unit/libteec_regmem.c
CFLAGS_tests/unit/libteec_teedev.c := -Ilib/libteec -Itests/lib
CFLAGS_tests/unit/libteec_api.c := -Ilib/libteec -Itests/lib
CFLAGS_tests/unit/libteec_pin.c := -Ilib/libteec -Itests/lib
CFLAGS_tests/unit/libteec_pin_pool.c := -Ilib/libteec -Itests/lib
CFLAGS_tests/unit/libteec_pin_fake.c := -Ilib/libteec -Itests/lib
CFLAGS_tests/unit/libteec_regmem.c := -Ilib/libteec -Itests/lib
CFLAGS_tests/unit/libteec_fake.c := -Ilib/libteec -Itests/lib
LIBTEEC_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(LIBTEEC_TEST_SRCS))

$(BUILD)/tests/unit/libteec_api: $(call objs,tests/unit/libteec_api.c \
		tests/unit/libteec_fake.c) $(TEEC_OBJS) $(TEEDEV_OBJS) $(COMMON_LIB)
	$(link_prog)
$(BUILD)/tests/unit/libteec_regmem: $(call objs,tests/unit/libteec_regmem.c \
		tests/unit/libteec_fake.c) $(TEEC_OBJS) $(TEEDEV_OBJS) $(COMMON_LIB)
	$(link_prog)
$(BUILD)/tests/unit/libteec_teedev: $(call objs,tests/unit/libteec_teedev.c) \
		$(TEEDEV_OBJS) $(COMMON_LIB)
	$(link_prog)
$(BUILD)/tests/unit/libteec_pin: $(call objs,tests/unit/libteec_pin.c \
		tests/unit/libteec_pin_fake.c) $(TEEDEV_OBJS) $(COMMON_LIB)
	$(link_prog)
$(BUILD)/tests/unit/libteec_pin_pool: $(call objs,tests/unit/libteec_pin_pool.c \
		tests/unit/libteec_pin_fake.c) $(TEEDEV_OBJS) $(COMMON_LIB)
	$(link_prog)

# The shim test preloads the shim into a child of itself.
CFLAGS_tests/unit/libteec_shim.c := -Itests/lib \
	-DSHIM_PATH=\"$(abspath $(BUILD)/lib/libsoftee_uapi_shim.so)\"
$(BUILD)/tests/unit/libteec_shim: $(call objs,tests/unit/libteec_shim.c) \
		$(COMMON_LIB) | $(BUILD)/lib/libsoftee_uapi_shim.so
	$(link_prog)

ALL_TARGETS += $(LIBTEEC_TESTS)
TEST_UNIT_PROGS += $(LIBTEEC_TESTS)
DEPS += $(call deps,$(LIBTEEC_TEST_SRCS) tests/unit/libteec_fake.c \
	tests/unit/libteec_pin_fake.c)

# Installation (the top-level install depends on this).
install-libteec: $(LIBTEEC_SO) $(LIBTEEC_A) $(BUILD)/lib/libsoftee_uapi_shim.so
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 0755 $(LIBTEEC_SO) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libteec.so.2.0.0 $(DESTDIR)$(PREFIX)/lib/libteec.so.2
	ln -sf libteec.so.2 $(DESTDIR)$(PREFIX)/lib/libteec.so
	install -m 0644 $(LIBTEEC_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 0755 $(BUILD)/lib/libsoftee_uapi_shim.so $(DESTDIR)$(PREFIX)/lib/
	install -m 0644 $(TEEC_PUBLIC_HDRS) $(DESTDIR)$(PREFIX)/include/
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' \
		'includedir=$${prefix}/include' '' 'Name: teec' \
		'Description: GlobalPlatform TEE Client API library (softee)' \
		'Version: $(SOFTEE_VERSION)' 'Libs: -L$${libdir} -lteec' \
		'Libs.private: -lpthread' \
		'Cflags: -I$${includedir}' \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/teec.pc

.PHONY: install-libteec

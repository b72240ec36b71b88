# samples: the hello world TA (through build_ta) and its client program.

$(call build_ta,hello_world,samples/hello_world/ta)
TA_INSTALL_TAS += $(TA_FILE_hello_world)
install-ta: $(TA_FILE_hello_world)

HELLO_HOST_SRCS := samples/hello_world/host/main.c
CFLAGS_samples/hello_world/host/main.c := -Isamples/hello_world/ta/include

# libteec comes from lib/libteec; rpath lets it run from the build tree.
$(BUILD)/bin/softee-hello-world: $(call objs,$(HELLO_HOST_SRCS)) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_softee-hello-world = -L$(BUILD)/lib -lteec '-Wl,-rpath,$$ORIGIN/../lib'

ALL_TARGETS += $(BUILD)/bin/softee-hello-world
DEPS += $(call deps,$(HELLO_HOST_SRCS))

# secure_hash_aes: SHA-256 and AES-GCM in a TA (crypto_kat.sh runs it).
$(call build_ta,secure_hash_aes,samples/secure_hash_aes/ta)
TA_INSTALL_TAS += $(TA_FILE_secure_hash_aes)
install-ta: $(TA_FILE_secure_hash_aes)

HASH_AES_HOST_SRCS := samples/secure_hash_aes/host/main.c
CFLAGS_samples/secure_hash_aes/host/main.c := \
	-Isamples/secure_hash_aes/ta/include

$(BUILD)/bin/softee-secure-hash-aes: $(call objs,$(HASH_AES_HOST_SRCS)) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_softee-secure-hash-aes = -L$(BUILD)/lib -lteec '-Wl,-rpath,$$ORIGIN/../lib'

ALL_TARGETS += $(BUILD)/bin/softee-secure-hash-aes
DEPS += $(call deps,$(HASH_AES_HOST_SRCS))

# secure_storage: a secret kept in GP secure storage and read back.
$(call build_ta,secure_storage,samples/secure_storage/ta)
TA_INSTALL_TAS += $(TA_FILE_secure_storage)
install-ta: $(TA_FILE_secure_storage)

SECSTOR_HOST_SRCS := samples/secure_storage/host/main.c
CFLAGS_samples/secure_storage/host/main.c := -Isamples/secure_storage/ta/include

$(BUILD)/bin/softee-secure-storage: $(call objs,$(SECSTOR_HOST_SRCS)) \
		$(BUILD)/lib/libteec.so
	$(link_prog)
LDLIBS_softee-secure-storage = -L$(BUILD)/lib -lteec '-Wl,-rpath,$$ORIGIN/../lib'

ALL_TARGETS += $(BUILD)/bin/softee-secure-storage
DEPS += $(call deps,$(SECSTOR_HOST_SRCS))

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

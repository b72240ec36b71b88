# shim: LD_PRELOAD library running Linux-uapi TEE programs over softee.
SHIM_SRCS := shim/uapi_shim.c
CFLAGS_shim/uapi_shim.c := -Ilib/libteec
SHIM_SO := $(BUILD)/lib/libsoftee_uapi_shim.so

$(SHIM_SO): $(call objs,$(SHIM_SRCS)) $(TEEDEV_OBJS) $(COMMON_LIB) shim/uapi_shim.map
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -shared -Wl,--version-script=shim/uapi_shim.map \
		-Wl,-z,defs -o $@ $(filter %.o %.a,$^)

ALL_TARGETS += $(SHIM_SO)
DEPS += $(call deps,$(SHIM_SRCS))

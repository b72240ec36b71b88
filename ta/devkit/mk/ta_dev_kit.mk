# softee TA dev kit: builds a TA written for OP-TEE's dev kit into a
# native shared object and signs it as <uuid>.ta.
#
# In a TA's Makefile:  BINARY = <uuid>
#                      include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk
# or, for a static library TAs link with libnames/libdirs:
#                      LIBNAME = <name>   (gives lib<name>.a)
# Sources come from sub.mk files: srcs-y, global-incdirs-y, incdirs-y,
# subdirs-y, cflags-y, cflags-<file>-y, cflags-remove-y,
# cflags-remove-<file>-y. Outputs go to O (default: the TA directory).
# Variables: CROSS_COMPILE, CC, STRIP, TA_SIGN_KEY, CFG_*, LDADD,
# libnames, libdirs, libdeps, TA_CFLAGS, TA_LDFLAGS, V=1. TAs run natively:
# a CROSS_COMPILE must target the machine softee runs on.

ifeq ($(BINARY)$(LIBNAME),)
$(error BINARY (the TA's UUID) or LIBNAME must be set before including ta_dev_kit.mk)
endif

ta-dev-kit-dir := $(patsubst %/,%,$(dir $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))))
TA_DEV_KIT_DIR ?= $(ta-dev-kit-dir)

include $(ta-dev-kit-dir)/mk/conf.mk

ta-src-dir := $(CURDIR)
O ?= .
ta-out-dir := $(abspath $(if $(filter /%,$(O)),$(O),$(CURDIR)/$(O)))

# make's built-in CC (cc) and AR count as unset: the cross prefix applies.
ifeq ($(origin CC),default)
CC := $(CROSS_COMPILE)gcc
endif
ifeq ($(origin AR),default)
AR := $(CROSS_COMPILE)ar
endif
CC ?= $(CROSS_COMPILE)gcc
AR ?= $(CROSS_COMPILE)ar
STRIP ?= $(CROSS_COMPILE)strip
TA_SIGN_KEY ?= $(ta-dev-kit-dir)/keys/default_ta.pem
TA_SIGN_TOOL ?= $(ta-dev-kit-dir)/bin/softee-sign

ifeq ($(V),1)
q :=
else
q := @
endif

# --- sub.mk processing ------------------------------------------------
# Each sub.mk is read with the sub.mk variables cleared; what it sets is
# recorded per source file before its subdirectories are read.
ta-srcs :=
ta-global-incdirs :=

define ta-process-file
ta-srcs += $(1)/$(2)
ta-cflags-$(1)/$(2) := $$(cflags-y) $$(cflags-$(2)-y)
ta-cflags-remove-$(1)/$(2) := $$(cflags-remove-y) $$(cflags-remove-$(2)-y)
ta-incdirs-$(1)/$(2) := $$(addprefix $(1)/,$$(incdirs-y))
cflags-$(2)-y :=
cflags-remove-$(2)-y :=
endef

define ta-process-subdir
srcs-y :=
global-incdirs-y :=
incdirs-y :=
subdirs-y :=
cflags-y :=
cflags-remove-y :=
include $(1)/sub.mk
ta-global-incdirs += $$(addprefix $(1)/,$$(global-incdirs-y))
$$(foreach f,$$(srcs-y),$$(eval $$(call ta-process-file,$(1),$$(f))))
ta-subdirs-$(1) := $$(subdirs-y)
$$(foreach d,$$(ta-subdirs-$(1)),$$(eval $$(call ta-process-subdir,$(1)/$$(d))))
endef

$(eval $(call ta-process-subdir,$(ta-src-dir)))

# --- flags -------------------------------------------------------------
# CFG_ variables become defines: y -> 1, n or empty -> absent, else value.
# CFG_TA_OPTEE_CORE_API_COMPAT_1_1=y also selects the GP 1.1 API in the
# headers (__OPTEE_CORE_API_COMPAT_1_1, as OP-TEE's dev kit does).
ta-cfg-vars := $(sort $(filter CFG_%,$(.VARIABLES)))
ta-cfg-defines := $(foreach v,$(ta-cfg-vars),\
	$(if $(filter y,$($(v))),-D$(v)=1,\
	$(if $(filter-out n,$($(v))),$(if $(word 2,$($(v))),,-D$(v)=$($(v)))))) \
	-DTRACE_LEVEL=$(CFG_TEE_TA_LOG_LEVEL) \
	-D__OPTEE_CORE_API_COMPAT_1_1=$(if $(filter y,$(CFG_TA_OPTEE_CORE_API_COMPAT_1_1)),1,0)

ta-cflags-common := -std=gnu11 -O2 -g -fPIC \
	-Wall -Wno-unused-parameter -D__SOFTEE__ $(ta-cfg-defines) \
	$(addprefix -I,$(ta-global-incdirs)) -I$(ta-src-dir) \
	-I$(ta-dev-kit-dir)/include $(TA_CFLAGS)

ta-obj = $(ta-out-dir)/$(patsubst $(ta-src-dir)/%,%,$(1:.c=.o))
ta-objs := $(foreach s,$(ta-srcs),$(call ta-obj,$(s)))
ta-hdr-obj := $(ta-out-dir)/dev_kit/user_ta_header.o

define ta-compile-rule
$(call ta-obj,$(1)): $(1) $(MAKEFILE_LIST)
	@mkdir -p $$(dir $$@)
	@$(if $(q),echo "  CC      $$@")
	$(q)$(CC) $$(filter-out $$(ta-cflags-remove-$(1)),$$(ta-cflags-common) $$(ta-cflags-$(1))) \
		$$(addprefix -I,$$(ta-incdirs-$(1))) -MMD -MP -c $$< -o $$@
endef
$(foreach s,$(ta-srcs),$(eval $(call ta-compile-rule,$(s))))

$(ta-hdr-obj): $(ta-dev-kit-dir)/src/user_ta_header.c $(MAKEFILE_LIST)
	@mkdir -p $(dir $@)
	@$(if $(q),echo "  CC      $@")
	$(q)$(CC) $(ta-cflags-common) -MMD -MP -c $< -o $@

-include $(ta-objs:.o=.d) $(ta-hdr-obj:.o=.d)

# --- link and sign (or archive) ----------------------------------------
.DEFAULT_GOAL := all

ifneq ($(LIBNAME),)
ta-lib := $(ta-out-dir)/lib$(LIBNAME).a

$(ta-lib): $(ta-objs)
	@$(if $(q),echo "  AR      $@")
	$(q)rm -f $@
	$(q)$(AR) rcs $@ $^

all: $(ta-lib)

clean:
	rm -f $(ta-objs) $(ta-objs:.o=.d) $(ta-lib)
else
ta-elf := $(ta-out-dir)/$(BINARY).elf
ta-so := $(ta-out-dir)/$(BINARY).so
ta-ta := $(ta-out-dir)/$(BINARY).ta
ta-ldlibs := $(addprefix -L,$(libdirs)) $(addprefix -l,$(libnames)) $(LDADD)

# Undefined TEE_* symbols are resolved from softee-ta when loaded.
$(ta-elf): $(ta-objs) $(ta-hdr-obj) $(libdeps)
	@$(if $(q),echo "  LD      $@")
	$(q)$(CC) -shared -fPIC -Wl,-soname,$(BINARY).ta -Wl,-z,now \
		-o $@ $(ta-objs) $(ta-hdr-obj) $(ta-ldlibs) $(TA_LDFLAGS)

$(ta-so): $(ta-elf)
	@$(if $(q),echo "  STRIP   $@")
	$(q)$(STRIP) --strip-unneeded -o $@ $<

$(ta-ta): $(ta-so) $(TA_SIGN_KEY)
	@$(if $(q),echo "  SIGN    $@")
	$(q)$(TA_SIGN_TOOL) --key $(TA_SIGN_KEY) --uuid $(BINARY) --in $< --out $@

all: $(ta-ta)

clean:
	rm -f $(ta-objs) $(ta-hdr-obj) $(ta-objs:.o=.d) $(ta-hdr-obj:.o=.d) \
		$(ta-elf) $(ta-so) $(ta-ta)
	-rmdir $(ta-out-dir)/dev_kit 2>/dev/null
endif

.PHONY: all clean

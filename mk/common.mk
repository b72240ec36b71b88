# Shared compiler settings and link helpers for every module.mk.
.DEFAULT_GOAL := all
SHELL := /bin/bash

CC ?= gcc
PREFIX ?= /usr/local
DESTDIR ?=
SOFTEE_VERSION := 0.1.0

ifeq ($(SAN),1)
BUILD ?= build/san
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
else
BUILD ?= build/out
SAN_FLAGS :=
endif

WARN := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -Wformat=2 -Wvla
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 $(WARN) -fPIC -pthread $(SAN_FLAGS) \
	-Iinclude -Iinclude/uapi -Ilib/protocol -Ilib/common \
	-DSOFTEE_VERSION=\"$(SOFTEE_VERSION)\" -MMD -MP
LDFLAGS += -pthread $(SAN_FLAGS)
LDLIBS ?=

ALL_TARGETS :=
DEPS :=

# $(call objs,srcs) -> object paths under $(BUILD)
objs = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
deps = $(patsubst %.c,$(BUILD)/obj/%.d,$(1))

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CFLAGS_$(<)) -c $< -o $@

# link a program: $(call link_prog) in a recipe
define link_prog
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o %.a,$^) $(LDLIBS_$(notdir $@)) $(LDLIBS)
endef

define make_archive
	@mkdir -p $(dir $@)
	rm -f $@; ar rcs $@ $(filter %.o,$^)
endef

# softee: one non-recursive make for the whole tree.
#   make            build everything into build/
#   make SAN=1      build everything with ASan+UBSan into build/san/
#   make check      build both variants and run the whole test suite in each
#   make demo       run the hello-world sample through the whole stack
#   make install    PREFIX=/usr/local DESTDIR=
# Each part lists its sources in its own module.mk (included below).

include mk/common.mk

include lib/module.mk
include driver/module.mk
include secure/module.mk
include hyp/module.mk
include ta/module.mk
include supplicant/module.mk
include shim/module.mk
include tools/module.mk
include samples/module.mk
include tests/module.mk

all: $(ALL_TARGETS)

clean:
	rm -rf build

# Debian packages the build needs (idempotent; uses sudo when not root).
deps:
	scripts/install-deps.sh

# The main job: the hello-world client talks to its TA through the whole
# stack (libteec -> driver -> secure world -> TA host, with the supplicant).
demo: all
	$(BUILD)/bin/softee run -- $(BUILD)/bin/softee-hello-world

# Daemons are installed here; each part adds its own install-* target.
install: all install-libteec install-ta install-tools
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BUILD)/bin/softee-driver $(BUILD)/bin/softee-secure \
		$(BUILD)/bin/softee-hyp $(DESTDIR)$(PREFIX)/bin/
	install -d $(DESTDIR)$(PREFIX)/share/softee/keys
	install -m 0644 keys/dev_ta_key.pub.pem $(DESTDIR)$(PREFIX)/share/softee/keys/

include mk/fuzz.mk

-include $(DEPS)

.PHONY: all clean deps demo install

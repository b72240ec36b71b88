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
include ta/module.mk
include supplicant/module.mk
include shim/module.mk
include tools/module.mk
include samples/module.mk
include tests/module.mk

all: $(ALL_TARGETS)

clean:
	rm -rf build

-include $(DEPS)

.PHONY: all clean

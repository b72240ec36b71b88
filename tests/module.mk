# Tests: unit test binaries in $(BUILD)/tests/unit, integration scripts
# in tests/integration, fuzz targets in tests/fuzz (clang, `make fuzz`).
# `make check` builds the plain and the ASan+UBSan variants and runs the
# whole suite in each.

include tests/unit/module.mk
include tests/integration/module.mk

check:
	bash tests/check.sh

.PHONY: check

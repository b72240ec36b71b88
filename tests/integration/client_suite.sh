#!/usr/bin/env bash
# Runs the libteec integration suite inside fresh softee stacks: once with
# the default configuration, once with 2 secure threads and a small
# carve-out so that calls queue for threads and memory.
# usage: client_suite.sh BUILD_DIR [TEST...]
set -u
b=${1:?build dir}
shift
softee=$b/bin/softee
suite=$b/tests/integration/client_suite
for x in "$softee" "$suite"; do
	if [ ! -x "$x" ]; then
		echo "FAIL: client_suite_prerequisites: $x is not built"
		exit 1
	fi
done
if ! ls "$b"/ta/5eed7e57-000[123]-*.ta >/dev/null 2>&1; then
	echo "FAIL: client_suite_prerequisites: test TAs missing in $b/ta"
	exit 1
fi
status=0
run_variant() { # label softee-options...
	local label=$1 rc
	shift
	timeout 600 "$softee" run --ta-dir "$b/ta" "$@" -- \
		"$suite" --label "$label" "${tests[@]}"
	rc=$?
	case $rc in
	0) ;;
	125) echo "FAIL: $label/stack_starts: softee run could not start the stack"; status=1 ;;
	124) echo "FAIL: $label/finishes_in_time: suite timed out"; status=1 ;;
	*) status=1 ;;
	esac
}
tests=("$@")
run_variant default
run_variant small --threads 2 --carveout-size 256K
exit $status

#!/usr/bin/env bash
# Runs the bad-input suite: device-protocol abuse against a stack started
# by `softee run`, then SMC-channel abuse against a private secure world
# that the test program starts itself.
# usage: bad_input.sh BUILD_DIR
set -u
b=${1:?build dir}
softee=$b/bin/softee
prog=$b/tests/integration/bad_input
status=0
if [ ! -x "$prog" ]; then
	echo "FAIL: bad_input_prerequisites: $prog is not built"
	exit 1
fi
if [ -x "$softee" ]; then
	timeout 300 "$softee" run --ta-dir "$b/ta" -- "$prog" --dev
	rc=$?
	case $rc in
	0) ;;
	125) echo "FAIL: bad_input_dev_stack_starts: softee run could not start the stack"; status=1 ;;
	124) echo "FAIL: bad_input_dev_finishes_in_time: timed out"; status=1 ;;
	*) status=1 ;;
	esac
else
	echo "FAIL: bad_input_dev_prerequisites: $softee is not built"
	status=1
fi
if [ -x "$b/bin/softee-secure" ]; then
	timeout 300 "$prog" --smc "$b/bin/softee-secure" || status=1
else
	echo "FAIL: bad_input_smc_prerequisites: $b/bin/softee-secure is not built"
	status=1
fi
exit $status

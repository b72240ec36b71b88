#!/usr/bin/env bash
# Runs the hostile shared-memory suite: SMC-channel abuse of REGISTER_SHM,
# page lists and RMEM against a private secure world that the program
# starts itself, then device-protocol abuse of SHM_REGISTER against a stack
# started by `softee run`.
# usage: hostile_shm.sh BUILD_DIR [softee run options...]
set -u
b=${1:?build dir}
shift
softee=$b/bin/softee
prog=$b/tests/integration/hostile_shm
status=0
if [ ! -x "$prog" ]; then
	echo "FAIL: hostile_shm_prerequisites: $prog is not built"
	exit 1
fi
if [ -x "$b/bin/softee-secure" ]; then
	timeout 300 "$prog" --smc "$b/bin/softee-secure" || status=1
else
	echo "FAIL: hostile_shm_smc_prerequisites: $b/bin/softee-secure is not built"
	status=1
fi
if [ -x "$softee" ]; then
	timeout 300 "$softee" run --ta-dir "$b/ta" "$@" -- "$prog" --dev
	rc=$?
	case $rc in
	0) ;;
	125) echo "FAIL: hostile_shm_dev_stack_starts: softee run could not start the stack"; status=1 ;;
	124) echo "FAIL: hostile_shm_dev_finishes_in_time: timed out"; status=1 ;;
	*) status=1 ;;
	esac
else
	echo "FAIL: hostile_shm_dev_prerequisites: $softee is not built"
	status=1
fi
exit $status

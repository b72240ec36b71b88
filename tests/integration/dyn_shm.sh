#!/usr/bin/env bash
# Runs the dynamic shared memory tests (dyn_shm) inside a fresh softee
# stack with the default configuration (dynamic shm plus a 2 MiB
# carve-out), then a subset with 64 KiB normal-world pages, then the quota
# tests in a stack with small driver quotas.
# usage: dyn_shm.sh BUILD_DIR [TEST...]
set -u
b=${1:?build dir}
shift
softee=$b/bin/softee
prog=$b/tests/integration/dyn_shm
for x in "$softee" "$prog"; do
	if [ ! -x "$x" ]; then
		echo "FAIL: dyn_shm_prerequisites: $x is not built"
		exit 1
	fi
done
status=0
run() { # label softee-options... -- dyn_shm args...
	local label=$1 rc
	shift
	timeout 600 "$softee" run --ta-dir "$b/ta" "$@"
	rc=$?
	case $rc in
	0) ;;
	125) echo "FAIL: dyn_shm_${label}_stack_starts: softee run could not start the stack"; status=1 ;;
	124) echo "FAIL: dyn_shm_${label}_finishes_in_time: timed out"; status=1 ;;
	*) status=1 ;;
	esac
}
run default -- "$prog" "$@"
if [ $# -eq 0 ]; then
	# 64 KiB normal-world pages: granule padding around every buffer
	run page64k --page-size 65536 -- "$prog" --label 64k \
		dyn_three_2mib_buffers_registered_and_used_at_once \
		dyn_allocated_64mib \
		dyn_two_sessions_see_each_others_writes_during_a_call \
		dyn_ta_write_visible_before_return_registered \
		dyn_ta_write_visible_before_return_allocated \
		dyn_ta_write_visible_before_return_temp_memref \
		dyn_unmapped_registered_buffer_still_works
	run quota --driver-arg --quota-pinned=64M \
		--driver-arg --max-reg-bytes=64M --driver-arg --max-reg=8 -- \
		"$prog" dyn_registration_above_quota_is_out_of_memory \
		dyn_registration_count_above_quota_is_out_of_memory
fi
exit $status

#!/usr/bin/env bash
# Fault injection under a mixed load: kills clients, the supplicant and TA
# hosts at random moments (tests/integration/fault_inject.c), then checks
# that the survivors kept working, that every count returned to its
# baseline and that no secure storage object was lost or corrupted.
# usage: fault_inject.sh BUILD_DIR
#   FAULT_KILLS  number of kills (default 40: the CI pass, about a minute)
#   FAULT_SEED   replay the kill plan of an earlier run (printed at start)
#   FAULT_ARGS   more fault_inject options (--kinds, --clients, --gap-ms ...)
#   FAULT_VMS    VMs (softee run --vms N) with clients in each, and driver
#                kills too (N-1 of them, never VM 1's); default 3 when softee
#                has --vms, 0 for a single normal world
#   FAULT_RUN_ARGS  more softee run options (--threads N, --log-level debug,
#                --keep-run-dir ...)
set -u
b=${1:?build dir}
softee=$b/bin/softee
prog=$b/tests/integration/fault_inject
for x in "$softee" "$prog"; do
	if [ ! -x "$x" ]; then
		echo "FAIL: fault_inject_prerequisites: $x is not built"
		exit 1
	fi
done
kills=${FAULT_KILLS:-40}
seed_args=()
[ -n "${FAULT_SEED:-}" ] && seed_args=(--seed "$FAULT_SEED")
# Secure storage objects written through the kills, with the storage test TA.
storage_ta=$b/ta/5eed7e57-5705-4c1e-9a7b-50f7ee005705.ta
if [ -f "$storage_ta" ]; then
	seed_args+=(--storage)
else
	echo "SKIP: fault_inject_storage: $storage_ta is not built"
fi
run_args=()
if [ -z "${FAULT_VMS+set}" ]; then
	FAULT_VMS=0
	"$softee" run --help 2>/dev/null | grep -q -- '--vms' && FAULT_VMS=3
fi
if [ "$FAULT_VMS" -gt 1 ]; then
	run_args=(--vms "$FAULT_VMS")
	seed_args+=(--kinds client,supplicant,ta,driver)
fi
# About 0.7 s between kills; the time cap only guards against a stuck run.
max_secs=$((60 + kills * 4))
# shellcheck disable=SC2086 # FAULT_*ARGS are lists of options
timeout $((max_secs + 300)) "$softee" run --ta-dir "$b/ta" "${run_args[@]}" \
	${FAULT_RUN_ARGS:-} -- "$prog" \
	--softee "$softee" --kills "$kills" --max-secs "$max_secs" \
	"${seed_args[@]}" ${FAULT_ARGS:-}
rc=$?
case $rc in
0) ;;
125) echo "FAIL: fault_inject_stack_starts: softee run could not start the stack" ;;
124) echo "FAIL: fault_inject_finishes_in_time: timed out" ;;
esac
exit $rc

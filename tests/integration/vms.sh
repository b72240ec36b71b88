#!/usr/bin/env bash
# Several normal worlds on one secure world (issue 5), each stack started
# with `softee run --vms N` (secure world in virtualization mode,
# softee-hyp, one driver + supplicant per VM):
#  1. the libteec client suite in two VMs at once, each passing;
#  2. a 256 MiB registration in each of two VMs at once, checked byte by
#     byte (vms_test's large-buffer case and dyn_shm's allocated 256 MiB);
#  3. raw hostile guests on two spare hypervisor slots next to VM 1
#     (carve-out, bypass, forged page lists, other guests' cookies,
#     sessions and threads, flooding, quotas), then the clean-up after
#     VM 2's driver is killed mid-call.
# usage: vms.sh BUILD_DIR
set -u
b=${1:?build dir}
softee=$b/bin/softee
suite=$b/tests/integration/client_suite
vt=$b/tests/integration/vms_test
dyn=$b/tests/integration/dyn_shm
for x in "$softee" "$b/bin/softee-hyp" "$suite" "$vt" "$dyn"; do
	if [ ! -x "$x" ]; then
		echo "FAIL: vms_prerequisites: $x is not built"
		exit 1
	fi
done
status=0
run() { # label softee-options... -- command...
	local label=$1 rc
	shift
	timeout 600 "$softee" run --ta-dir "$b/ta" "$@"
	rc=$?
	case $rc in
	0) ;;
	125) echo "FAIL: vms_${label}_stack_starts: softee run could not start the stack"; status=1 ;;
	124) echo "FAIL: vms_${label}_finishes_in_time: timed out"; status=1 ;;
	*) status=1 ;;
	esac
}
# Each VM labels its lines vm1/..., vm2/...; output is relayed whole lines.
run client_suite --vms 2 --each-vm -- \
	bash -c 'exec "$0" --label "vms/vm$SOFTEE_VM" "$@"' "$suite"
run big --vms 2 --each-vm -- \
	bash -c 'exec "$0" --label "vms/vm$SOFTEE_VM" \
		registered_256mib_in_every_vm_at_once_checked_byte_by_byte' "$vt"
run dyn_256mib --vms 2 --each-vm -- \
	bash -c 'exec "$0" --label "vms/vm$SOFTEE_VM" dyn_allocated_256mib' "$dyn"
# Slots 3 and 4 have no driver: the raw guests use them. Small quotas
# so that the quota tests reach them quickly (VM 1 needs far less).
run hostile --vms 2 --hyp-arg --slots=4 --hyp-arg --quota-pinned=128M \
	--hyp-arg --max-regs=64 -- "$vt" --label vms
# A kept stack: start, a command in VM 2, one in each VM, status, stop.
check() { # name condition-command...
	local name=$1
	shift
	if "$@"; then echo "PASS: vms/$name"; else echo "FAIL: vms/$name"; status=1; fi
}
d=$(mktemp -d /tmp/softee-vms-XXXXXX)
if "$softee" start --vms 2 --run-dir "$d" --ta-dir "$b/ta" >/dev/null; then
	check exec_runs_a_command_in_vm_2 \
		"$softee" exec --run-dir "$d" --vm 2 -- "$b/bin/softee-hello-world"
	out=$("$softee" exec --run-dir "$d" --each-vm -- \
		sh -c 'echo "vm=$SOFTEE_VM dev=$SOFTEE_DEV_DIR"')
	check exec_each_vm_runs_in_every_vm \
		test "$(echo "$out" | sort | tr '\n' ' ')" = \
		"vm=1 dev=$d/vm1 vm=2 dev=$d/vm2 "
	st=$("$softee" status --run-dir "$d")
	check status_shows_each_vm_against_its_quotas \
		grep -q "^vm[0-9]*\.max_calls: " <<<"$st"
	check status_shows_both_vms_daemons \
		test "$(grep -c -E '^\[vm[12] (driver|supplicant)\]$' <<<"$st")" = 4
	"$softee" stop --run-dir "$d" >/dev/null
	check stop_ends_every_daemon \
		test -z "$(ls "$d"/*.pid "$d"/vm*/*.pid 2>/dev/null)"
else
	echo "FAIL: vms/start_with_vms: softee start --vms 2 failed"
	status=1
	"$softee" stop --run-dir "$d" >/dev/null 2>&1
fi
rm -rf "$d"
exit $status

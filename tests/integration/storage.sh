#!/usr/bin/env bash
# Secure storage tests. Each step runs the storage client in its own
# softee stack, all stacks sharing one --storage directory:
#   GP behaviour; objects written in one stack and read in the next
#   (persistence); a second TA that sees none of the first's objects
#   (isolation); no plaintext and no object id in any file; files flipped,
#   truncated, grown, swapped, rolled back and removed (tampering); and
#   crash rounds: a writer overwrites an object in a loop while the
#   secure world, the TA host or the supplicant is killed with SIGKILL at
#   a random point, then a new stack finds the last acknowledged version
#   or the one in flight, never anything else.
# usage: storage.sh BUILD_DIR   (STORAGE_CRASH_ROUNDS=N: N crash rounds, default 6)
set -u
b=${1:?build dir}
softee=$b/bin/softee
prog=$b/tests/integration/storage
rounds=${STORAGE_CRASH_ROUNDS:-6}
marker=SOFTEE-PLAINTEXT-MARKER-5eed
for x in "$softee" "$prog" "$b/ta/5eed7e57-5705-4c1e-9a7b-50f7ee005705.ta" \
	"$b/ta/5eed7e57-5706-4c1e-9a7b-50f7ee005706.ta"; do
	if [ ! -e "$x" ]; then
		echo "FAIL: storage_prerequisites: $x is not built"
		exit 1
	fi
done
# Short paths: the run directories hold Unix sockets.
work=$(mktemp -d /tmp/softee-stor.XXXXXX) || exit 1
cleanup() {
	for d in "$work/r" "$work/v"; do
		[ -d "$d" ] && "$softee" stop --run-dir "$d" >/dev/null 2>&1
	done
	rm -rf "$work"
}
trap cleanup EXIT
S=$work/storage
status=0

fail() { echo "FAIL: $1: $2"; status=1; }
pass() { echo "PASS: $1"; }

# One client step in a fresh stack on storage $S. The TA panics some
# tests provoke are expected: their stderr line is noise here.
step() { # label client-args...
	local label=$1 rc
	shift
	timeout 300 "$softee" run --ta-dir "$b/ta" --storage "$S" -- \
		"$prog" "$@" 2> >(grep -v '^softee-ta: TA panicked' >&2)
	rc=$?
	case $rc in
	0) ;;
	125) fail "storage_${label}_stack_starts" "softee run could not start the stack" ;;
	124) fail "storage_${label}_finishes_in_time" "timed out" ;;
	*) status=1 ;;
	esac
}

step gp gp
step persist_write persist-write
step persist_check persist-check
step isolation isolation

# What the normal world can see: ciphertext under names that say nothing.
if [ ! -f "$S/key" ] || [ "$(stat -c %a "$S/key")" != 600 ] ||
	[ "$(stat -c %s "$S/key")" != 32 ]; then
	fail storage_device_key_file_is_private "$S/key missing or not 32 bytes of mode 0600"
else
	pass storage_device_key_file_is_private
fi
if grep -rqaF "$marker" "$S/fs"; then
	fail storage_files_hold_no_plaintext "$(grep -rlaF "$marker" "$S/fs" | head -n 3)"
else
	pass storage_files_hold_no_plaintext
fi
n_files=$(find "$S/fs" -type f | wc -l)
bad=$(find "$S/fs" -mindepth 1 | sed "s|^$S/fs/||" |
	grep -Ev '^[0-9a-f]{32}(/([0-9a-f]{32}|dirf))?$' | head -n 3)
if [ "$n_files" -lt 4 ]; then
	fail storage_file_names_reveal_nothing "only $n_files files under $S/fs"
elif [ -n "$bad" ] || find "$S/fs" | grep -q persist; then
	fail storage_file_names_reveal_nothing "unexpected names: $bad"
else
	pass storage_file_names_reveal_nothing
fi

step tamper tamper "$S/fs"
step dirf_prep dirf-prep "$S/fs"
step dirf_check dirf-check

# Without --storage, each `softee run` has storage of its own.
timeout 120 "$softee" run --ta-dir "$b/ta" -- "$prog" persist-write >/dev/null 2>&1
if timeout 120 "$softee" run --ta-dir "$b/ta" -- "$prog" absent persist-text \
	>/dev/null 2>&1; then
	pass storage_default_storage_is_per_run
else
	fail storage_default_storage_is_per_run "an object of an earlier run was found"
fi

# Several normal worlds (softee-hyp): the VM id is part of every key and
# directory name, so one TA has separate storage in each VM.
V=$work/v
if [ ! -x "$b/bin/softee-hyp" ]; then
	echo "SKIP: storage_vms_have_separate_storage: softee-hyp is not built"
elif ! timeout 120 "$softee" start --vms 2 --run-dir "$V" --ta-dir "$b/ta" \
	--storage "$work/vstorage" >/dev/null 2>&1; then
	fail storage_vms_have_separate_storage "softee start --vms 2 failed"
else
	vexec() { timeout 120 "$softee" exec --run-dir "$V" --vm "$@"; }
	if vexec 1 -- "$prog" persist-write >/dev/null 2>&1 &&
		vexec 2 -- "$prog" absent persist-text &&
		! vexec 1 -- "$prog" absent persist-text; then
		pass storage_vms_have_separate_storage
	else
		fail storage_vms_have_separate_storage "VM 2 saw VM 1's object (or VM 1 lost it)"
	fi
	"$softee" stop --run-dir "$V" >/dev/null 2>&1
fi

# The sample, as a user runs it: one stack, then a secret across two.
sample=$b/bin/softee-secure-storage
if [ -x "$sample" ]; then
	if timeout 120 "$softee" run --ta-dir "$b/ta" --storage "$S" -- \
		"$sample" >/dev/null 2>&1; then
		pass storage_sample_stores_and_reads_back_a_secret
	else
		fail storage_sample_stores_and_reads_back_a_secret "softee-secure-storage failed"
	fi
	got=$(timeout 120 "$softee" run --ta-dir "$b/ta" --storage "$S" -- \
		"$sample" store sample-key "kept $marker" >/dev/null 2>&1 &&
		timeout 120 "$softee" run --ta-dir "$b/ta" --storage "$S" -- \
		"$sample" load sample-key 2>/dev/null)
	if [ "$got" = "kept $marker" ] && ! grep -rqaF "$marker" "$S/fs"; then
		pass storage_sample_secret_outlives_the_stack
	else
		fail storage_sample_secret_outlives_the_stack "read back '$got'"
	fi
else
	fail storage_sample_built "$sample is not built"
fi

# --- crash rounds ----------------------------------------------------------
C=$work/crash
R=$work/r
start_stack() {
	"$softee" start --run-dir "$R" --ta-dir "$b/ta" --storage "$C" >/dev/null
}
stop_stack() {
	"$softee" stop --run-dir "$R" >/dev/null 2>&1
}
# Wait (bounded) until the writer has acknowledged some writes.
wait_acked() {
	for _ in $(seq 1 600); do
		[ "$(wc -l <"$work/acked")" -ge 3 ] && return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
crash_round() { # index victim size-class
	local i=$1 victim=$2 class=$3 label="${2}_${3}_$1" wp spid tp acked
	if ! start_stack; then
		fail "storage_crash_${label}_stack_starts" "softee start failed"
		return
	fi
	: >"$work/acked"
	SOFTEE_DEV_DIR=$R "$prog" crash-writer "obj-$class" "$class" \
		>"$work/acked" 2>"$work/writer.err" &
	wp=$!
	disown "$wp"	# its SIGKILL is ours: no job notice
	if ! wait_acked "$wp"; then
		fail "storage_crash_${label}_writer_runs" "$(tail -n 2 "$work/writer.err")"
		kill -9 "$wp" 2>/dev/null
		stop_stack
		return
	fi
	# A random point of the write loop; nothing is timed.
	sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
	spid=$(cat "$R/secure.pid")
	case $victim in
	secure) kill -9 "$spid" ;;
	ta)
		tp=$(pgrep -P "$spid" softee-ta | head -n 1)
		[ -n "$tp" ] && kill -9 "$tp"
		;;
	supplicant)
		kill -9 "$(cat "$R/supplicant.pid")"
		# Storage waits for a supplicant: bring one back, write on.
		sleep 0.2
		"$softee" restart-supplicant --run-dir "$R" >/dev/null 2>&1
		sleep "0.$((RANDOM % 10))"
		kill -9 "$wp" 2>/dev/null
		;;
	esac
	# The writer stops on its own error (or was killed above).
	for _ in $(seq 1 300); do
		kill -0 "$wp" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$wp" 2>/dev/null
	# Dead for sure (gone or a zombie) before its last line is read.
	for _ in $(seq 1 100); do
		[ -e "/proc/$wp" ] || break
		grep -q ') Z' "/proc/$wp/stat" 2>/dev/null && break
		sleep 0.05
	done
	acked=$(tail -n 1 "$work/acked" | awk '{ print $2 }')
	stop_stack
	if ! start_stack; then
		fail "storage_crash_${label}_restarts" "softee start failed"
		return
	fi
	SOFTEE_DEV_DIR=$R timeout 120 "$prog" crash-check "$label" \
		"obj-$class" "${acked:-0}" || status=1
	stop_stack
}
victims=(secure ta supplicant)
for ((i = 0; i < rounds; i++)); do
	crash_round "$i" "${victims[i % 3]}" "$([ $((i / 3 % 2)) = 0 ] && echo small || echo large)"
done
leftover=$(find "$C/fs" -name 'dirf.new' | head -n 1)
# Leftovers of interrupted commits go at the next use of the directory.
[ -z "$leftover" ] && pass storage_crash_leaves_no_temporary_directory_file ||
	fail storage_crash_leaves_no_temporary_directory_file "$leftover"
exit $status

#!/usr/bin/env bash
# Runs the TA-to-TA suite (ta2ta: sessions between TAs, TA persistent
# time, memory access rights) in a fresh softee stack, then its session
# tests again with two secure threads so that nested calls and waits
# share few threads.
# usage: ta2ta.sh BUILD_DIR [TEST...]
set -u
b=${1:?build dir}
shift
softee=$b/bin/softee
prog=$b/tests/integration/ta2ta
for x in "$softee" "$prog"; do
	if [ ! -x "$x" ]; then
		echo "FAIL: ta2ta_prerequisites: $x is not built"
		exit 1
	fi
done
if ! ls "$b"/ta/5eed7e57-7a2[ab]-*.ta "$b"/ta/5eed7e57-000[12]-*.ta \
	>/dev/null 2>&1; then
	echo "FAIL: ta2ta_prerequisites: test TAs missing in $b/ta"
	exit 1
fi
status=0
run() { # label softee-options... -- ta2ta args...
	local label=$1 rc
	shift
	timeout 300 "$softee" run --ta-dir "$b/ta" "$@"
	rc=$?
	case $rc in
	0) ;;
	125) echo "FAIL: ta2ta_${label}_stack_starts: softee run could not start the stack"; status=1 ;;
	124) echo "FAIL: ta2ta_${label}_finishes_in_time: timed out"; status=1 ;;
	*) status=1 ;;
	esac
}
run default -- "$prog" "$@"
if [ $# -eq 0 ]; then
	# Nested calls run on their caller's secure thread; the cancel that
	# must reach one needs a second thread, and gets only that.
	run threads2 --threads 2 -- "$prog" --label threads2 \
		session_to_itself_is_busy_not_a_deadlock \
		cycle_through_a_peer_is_busy_not_a_deadlock \
		cancellation_timeout_cancels_the_nested_call \
		client_cancellation_reaches_the_nested_call \
		sessions_a_ta_keeps_close_when_it_dies
fi
exit $status

#!/usr/bin/env bash
# Runs the TA sandbox suite (ta_sandbox) in a fresh softee stack whose
# secure world logs at level info: the suite reads its log to see that
# each TA it made misbehave died of SIGSYS (the seccomp filter).
# usage: ta_sandbox.sh BUILD_DIR [TEST...]
set -u
b=${1:?build dir}
shift
softee=$b/bin/softee
prog=$b/tests/integration/ta_sandbox
for x in "$softee" "$prog"; do
	if [ ! -x "$x" ]; then
		echo "FAIL: ta_sandbox_prerequisites: $x is not built"
		exit 1
	fi
done
if ! ls "$b"/ta/5eed7e57-5a0d-*.ta "$b"/ta/5eed7e57-0001-*.ta >/dev/null 2>&1; then
	echo "FAIL: ta_sandbox_prerequisites: test TAs missing in $b/ta"
	exit 1
fi
timeout 300 "$softee" run --ta-dir "$b/ta" --log-level info -- "$prog" "$@"
rc=$?
case $rc in
0) ;;
125) echo "FAIL: ta_sandbox_stack_starts: softee run could not start the stack" ;;
124) echo "FAIL: ta_sandbox_finishes_in_time: timed out" ;;
esac
exit $rc

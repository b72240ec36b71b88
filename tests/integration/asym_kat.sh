#!/usr/bin/env bash
# Runs the asymmetric crypto and big-integer known-answer tests (asym_kat
# driving the softee_asym TA) inside a fresh softee stack.
# usage: asym_kat.sh BUILD_DIR [TEST...]
set -u
b=${1:?build dir}
shift
softee=$b/bin/softee
prog=$b/tests/integration/asym_kat
for x in "$softee" "$prog"; do
	if [ ! -x "$x" ]; then
		echo "FAIL: asym_kat_prerequisites: $x is not built"
		exit 1
	fi
done
if ! ls "$b"/ta/5eed7e57-00a5-4c1e-9a7b-50f7ee0000a5.ta >/dev/null 2>&1; then
	echo "FAIL: asym_kat_prerequisites: the softee_asym TA is missing in $b/ta"
	exit 1
fi
timeout 600 "$softee" run --ta-dir "$b/ta" -- "$prog" "$@"
rc=$?
case $rc in
0) ;;
125) echo "FAIL: asym_kat_stack_starts: softee run could not start the stack" ;;
124) echo "FAIL: asym_kat_finishes_in_time: timed out" ;;
esac
exit $rc

#!/usr/bin/env bash
# Run every test binary of one build variant and count PASS/FAIL/SKIP lines.
# usage: tests/run_all.sh BUILD_DIR [LABEL]
# Prints each result line prefixed with LABEL, then "N passed, N failed, N skipped".
set -u
build=${1:?build dir}
label=${2:-$(basename "$build")}
root=$(cd "$(dirname "$0")/.." && pwd)
export SOFTEE_BUILD="$root/$build"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:verify_asan_link_order=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
pass=0 fail=0 skip=0
log=$(mktemp)
run_one() { # name cmd...
	local name=$1; shift
	"$@" >"$log" 2>"$log.err"
	local rc=$?
	local p f s
	p=$(grep -c '^PASS: ' "$log"); f=$(grep -c '^FAIL: ' "$log"); s=$(grep -c '^SKIP: ' "$log")
	sed -n 's/^\(PASS\|FAIL\|SKIP\): /[&/p' "$log" | sed "s/^\[/[$label] /"
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "[$label] FAIL: $name: exited with status $rc"
		fail=$((fail + 1))
	fi
	if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
		echo "---- $name stderr (last 40 lines) ----"; tail -n 40 "$log.err"; echo "----"
	fi
}
# Unit tests: every binary in BUILD/tests/unit
for t in "$SOFTEE_BUILD"/tests/unit/*; do
	[ -x "$t" ] || continue
	run_one "unit/$(basename "$t")" "$t"
done
# Integration suites: each script in tests/integration/*.sh gets the build dir.
for s in "$root"/tests/integration/*.sh; do
	[ -f "$s" ] || continue
	run_one "integration/$(basename "$s" .sh)" bash "$s" "$SOFTEE_BUILD"
done
rm -f "$log" "$log.err"
echo "$label: $pass passed, $fail failed, $skip skipped"
echo "$pass $fail $skip" > "$SOFTEE_BUILD/test-counts"
[ "$fail" -eq 0 ]

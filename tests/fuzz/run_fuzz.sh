#!/usr/bin/env bash
# Run every fuzz target for a given time each; a crash fails the run and
# leaves its input in build/fuzz/findings/<target>/.
# usage: tests/fuzz/run_fuzz.sh FUZZ_BUILD_DIR SECONDS [TARGET...]
set -u
dir=${1:?}; secs=${2:?}; shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(ls "$dir" | grep -E '^fuzz_[a-z0-9_]+$'))
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
pass=0 fail=0
for t in "${targets[@]}"; do
	corpus="$root/tests/fuzz/corpus/$t"
	work="$dir/corpus/$t"; findings="$dir/findings/$t"
	mkdir -p "$work" "$findings" "$corpus"
	# Fixed findings first: each must now run clean.
	regs=("$root/tests/fuzz/regressions/$t"/*)
	if [ -e "${regs[0]}" ] && ! "$dir/$t" "${regs[@]}" >"$dir/$t.reg.log" 2>&1; then
		echo "FAIL: fuzz/$t: a regression input fails again (log $dir/$t.reg.log)"
		tail -n 30 "$dir/$t.reg.log"
		fail=$((fail + 1))
		continue
	fi
	if "$dir/$t" -max_total_time="$secs" -print_final_stats=0 \
		-artifact_prefix="$findings/" "$work" "$corpus" >"$dir/$t.log" 2>&1; then
		echo "PASS: fuzz/$t (${secs}s, $(ls "$work" | wc -l) corpus entries)"
		pass=$((pass + 1))
	else
		echo "FAIL: fuzz/$t: finding in $findings (log $dir/$t.log)"
		tail -n 30 "$dir/$t.log"
		fail=$((fail + 1))
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

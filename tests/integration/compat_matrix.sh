#!/usr/bin/env bash
# The compatibility matrix of dynamic shared memory: secure world
# {dynamic+reserved, dynamic only, reserved only, neither} x normal-world
# page size {4K, 16K, 64K} x client {registering, legacy libteec} x
# supplicant {registering, allocating}. Every cell that can work runs the
# whole client integration suite (its lines prefixed with the cell name)
# and gets one PASS/FAIL line, which also checks (softee status) that the
# stack runs as the cell asked; the "neither" cells must fail at start-up
# with exit status 125 and a clear message.
# usage: compat_matrix.sh BUILD_DIR [TEST...]   (TEST: client_suite tests)
# SOFTEE_COMPAT_CELLS=regex runs only the cells whose name matches.
set -u
b=${1:?build dir}
shift
softee=$b/bin/softee
suite=$b/tests/integration/client_suite
for x in "$softee" "$suite"; do
	if [ ! -x "$x" ]; then
		echo "FAIL: compat_prerequisites: $x is not built"
		exit 1
	fi
done
tests=("$@")
only=${SOFTEE_COMPAT_CELLS:-}
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The message softee-driver gives when the secure world offers no shm.
neither_re='neither dynamic shared memory nor a reserved'

# The stack really has the cell's configuration: `softee status`, taken
# inside the stack just before the suite, against what the cell asked for.
# Prints why not, or nothing.
check_config() { # status-file sw page-size supp
	local f=$1 sw=$2 ps=$3 su=$4 want_res want_dyn want_pool want_supp
	case $sw in
	dyn+res) want_res=yes want_dyn=yes ;;
	dyn) want_res=no want_dyn=yes ;;
	res) want_res=yes want_dyn=no ;;
	esac
	want_pool=static
	[ $want_dyn = yes ] && want_pool=dynamic
	want_supp=allocate
	[ $want_dyn = yes ] && [ "$su" = reg ] && want_supp=register
	grep -qx "reserved_shm: $want_res" "$f" || echo "secure reserved_shm is not $want_res"
	grep -qx "dynamic_shm: $want_dyn" "$f" || echo "secure dynamic_shm is not $want_dyn"
	grep -qx "pool: $want_pool" "$f" || echo "driver pool is not $want_pool"
	grep -qx "page_size: $ps" "$f" || echo "driver page_size is not $ps"
	grep -qx "shm mode: $want_supp" "$f" || echo "supplicant shm mode is not $want_supp"
}

run_cell() { # name expect(ok|startfail) softee-options... -- env-for-client
	local name=$1 expect=$2 rc nfail why
	shift 2
	local opts=() envs=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	envs=("$@")
	if [ -n "$only" ] && ! [[ $name =~ $only ]]; then
		return
	fi
	rm -f "$tmp/status"
	# the status is taken inside the stack; its run dir is only known there
	# shellcheck disable=SC2016
	timeout 300 "$softee" run --ta-dir "$b/ta" "${opts[@]}" -- \
		sh -c '"$0" status --run-dir "$SOFTEE_DEV_DIR" >"$1" 2>&1; shift; exec "$@"' \
		"$softee" "$tmp/status" \
		env "${envs[@]}" "$suite" --label "compat/$name" "${tests[@]}" \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$expect" = startfail ]; then
		if [ $rc -eq 125 ] && grep -q "$neither_re" "$tmp/err"; then
			echo "PASS: compat/$name"
		elif [ $rc -eq 125 ]; then
			echo "FAIL: compat/$name: exit 125 but no clear message: $(tr '\n' ' ' <"$tmp/err" | cut -c1-200)"
			status=1
		else
			echo "FAIL: compat/$name: wanted start-up failure (125), got exit $rc"
			status=1
		fi
		return
	fi
	grep -E '^(PASS|FAIL|SKIP): ' "$tmp/out"
	nfail=$(grep -c '^FAIL: ' "$tmp/out")
	case $rc in
	0)
		why=$(check_config "$tmp/status" "$cell_sw" "$cell_ps" "$cell_su" | tr '\n' ';')
		if [ -n "$why" ]; then
			echo "FAIL: compat/$name: stack not configured as asked: $why"
			status=1
		elif [ "$nfail" -eq 0 ]; then
			echo "PASS: compat/$name"
		else
			echo "FAIL: compat/$name: $nfail suite tests failed"
			status=1
		fi
		;;
	125)
		echo "FAIL: compat/$name: the stack did not start: $(tr '\n' ' ' <"$tmp/err" | cut -c1-200)"
		status=1
		;;
	124)
		echo "FAIL: compat/$name: timed out"
		status=1
		;;
	*)
		if [ "$nfail" -eq 0 ]; then
			echo "FAIL: compat/$name: the suite died (exit $rc) after $(grep -c '^PASS: ' "$tmp/out") tests: $(grep -m1 -E 'ERROR|runtime error|Assertion|Segmentation|Aborted' "$tmp/err" | cut -c1-160)"
			grep -m1 -A12 -E 'ERROR|runtime error' "$tmp/err" >&2
		else
			echo "FAIL: compat/$name: suite exit $rc, $nfail suite tests failed"
			tail -n 20 "$tmp/err" >&2
		fi
		status=1
		;;
	esac
}

for sw in dyn+res dyn res none; do
	case $sw in
	dyn+res) swopt=() ;;
	dyn) swopt=(--no-reserved-shm) ;;
	res) swopt=(--no-dynamic-shm) ;;
	none) swopt=(--no-reserved-shm --no-dynamic-shm) ;;
	esac
	for ps in 4096 16384 65536; do
		for cl in reg legacy; do
			if [ $cl = legacy ]; then
				clenv=(SOFTEE_TEEC_LEGACY=1)
			else
				clenv=(SOFTEE_TEEC_LEGACY=)
			fi
			for su in reg alloc; do
				if [ $su = alloc ]; then
					suopt=(--supplicant-arg --no-register)
				else
					suopt=()
				fi
				expect=ok
				[ $sw = none ] && expect=startfail
				cell_sw=$sw cell_ps=$ps cell_su=$su
				run_cell "$sw/$((ps / 1024))K/client-$cl/supp-$su" \
					$expect "${swopt[@]}" --page-size $ps \
					"${suopt[@]}" -- "${clenv[@]}"
			done
		done
	done
done
exit $status

#!/usr/bin/env bash
# Builds TAs and clients the way outside developers do, from copies of
# OP-TEE style source trees and nothing but the export directory
# ($b/export/teec for clients, $b/export/ta_dev_kit for TAs), then runs
# them in a fresh softee stack:
#  - tests/devkit_example: an optee_examples-like example (host/, ta/ with
#    sub.mk features, extension properties, CFG_ variables, a static
#    library built with the dev kit, CFG_TEE_TA_LOG_LEVEL);
#  - tests/ta/softee_gp11: a TA written for GP 1.1, built with
#    CFG_TA_OPTEE_CORE_API_COMPAT_1_1=y, and its client (host/).
# usage: devkit_example.sh BUILD_DIR
set -u
b=$(cd "${1:?build dir}" && pwd) || exit 1
src=$(cd "$(dirname "$0")/../.." && pwd)
export_dir=$b/export
softee=$b/bin/softee
status=0

pass() { echo "PASS: devkit_example/$1"; }
fail() { echo "FAIL: devkit_example/$1${2:+: $2}"; status=1; }
check() { # name condition-command...
	local name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}
check_absent() { # name pattern file: the file must not contain pattern
	if grep -q -- "$2" "$3"; then fail "$1" "found $2"; else pass "$1"; fi
}

for x in "$softee" "$export_dir/teec/lib/libteec.so" \
	"$export_dir/teec/include/tee_client_api.h" \
	"$export_dir/ta_dev_kit/mk/ta_dev_kit.mk" \
	"$export_dir/ta_dev_kit/bin/softee-sign"; do
	if [ ! -e "$x" ]; then
		fail prerequisites "$x is missing"
		exit 1
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/softee-devkit.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cp -R "$src/tests/devkit_example" "$tmp/example"
cp -R "$src/tests/ta/softee_gp11" "$tmp/gp11"
mkdir "$tmp/tadir"
# Outside builds: no flags from the softee build leak in.
unset CFLAGS LDFLAGS CPPFLAGS MAKEFLAGS MFLAGS
teec=(TEEC_EXPORT="$export_dir/teec")
devkit=(TA_DEV_KIT_DIR="$export_dir/ta_dev_kit")
# A sanitized build (SAN=1) exports a sanitized libteec: its clients must
# be built with the same sanitizers, as any program linking it.
hostenv=(env)
if ldd "$export_dir/teec/lib/libteec.so" 2>/dev/null | grep -q libasan; then
	hostenv+=(CFLAGS="-fsanitize=address,undefined"
		  LDFLAGS="-fsanitize=address,undefined")
fi
ex_uuid=5eed7e57-00e0-4c1e-9a7b-50f7ee0000e0
gp11_uuid=5eed7e57-0011-4c1e-9a7b-50f7ee000011

build() { # name log command...
	local name=$1 log=$2
	shift 2
	if "$@" >"$log" 2>&1; then
		pass "$name"
		return 0
	fi
	fail "$name" "$* (log follows)"
	sed 's/^/    /' "$log" | tail -n 20
	return 1
}

# --- the example, step by step as in its top-level Makefile -------------
build build_library "$tmp/lib.log" make -C "$tmp/example/libexample" \
	CROSS_COMPILE= "${devkit[@]}" O="$tmp/lib-out"
build build_host "$tmp/host.log" "${hostenv[@]}" make \
	-C "$tmp/example/host" CROSS_COMPILE= "${teec[@]}" --no-builtin-variables
build build_ta "$tmp/ta.log" make -C "$tmp/example/ta" CROSS_COMPILE= \
	"${devkit[@]}" O="$tmp/ta-out" EXAMPLE_LIB_DIR="$tmp/lib-out" \
	LDFLAGS=
check ta_image_signed test -s "$tmp/ta-out/$ex_uuid.ta"
cp "$tmp/ta-out/$ex_uuid.ta" "$tmp/tadir/" 2>/dev/null

# CFG_TEE_TA_LOG_LEVEL decides at compile time which traces exist.
if build build_ta_log_level_1 "$tmp/ta1.log" make -C "$tmp/example/ta" \
	CROSS_COMPILE= "${devkit[@]}" O="$tmp/ta-out1" \
	EXAMPLE_LIB_DIR="$tmp/lib-out" CFG_TEE_TA_LOG_LEVEL=1; then
	elf1=$tmp/ta-out1/$ex_uuid.elf
	check log_level_1_keeps_errors grep -q devkit-example-trace-E "$elf1"
	check_absent log_level_1_drops_info devkit-example-trace-I "$elf1"
fi
check make_clean_removes_outputs bash -c \
	'make -C "$1" CROSS_COMPILE= "$2" O="$3" EXAMPLE_LIB_DIR="$4" \
	 CFG_TEE_TA_LOG_LEVEL=1 clean >/dev/null 2>&1 &&
	 [ ! -e "$3/'$ex_uuid'.ta" ] && [ ! -e "$3/example_ta.o" ]' _ \
	"$tmp/example/ta" "${devkit[0]}" "$tmp/ta-out1" "$tmp/lib-out"

# The example's own top-level Makefile builds everything in its tree.
mkdir "$tmp/top"
cp -R "$src/tests/devkit_example/." "$tmp/top/"
if build top_level_makefile "$tmp/top.log" "${hostenv[@]}" make \
	-C "$tmp/top" CROSS_COMPILE= "${teec[@]}" "${devkit[@]}"; then
	check top_level_outputs test -x "$tmp/top/host/softee_devkit_example" \
		-a -s "$tmp/top/ta/$ex_uuid.ta"
	check top_level_clean bash -c 'make -C "$1" "$2" "$3" clean \
		>/dev/null 2>&1 && [ ! -e "$1/ta/'$ex_uuid'.ta" ] &&
		[ ! -e "$1/host/softee_devkit_example" ]' _ "$tmp/top" \
		"${teec[0]}" "${devkit[0]}"
fi

# --- the GP 1.1 TA and its client ----------------------------------------
build build_gp11_ta "$tmp/gp11.log" make -C "$tmp/gp11" CROSS_COMPILE= \
	"${devkit[@]}" O="$tmp/gp11-out"
build build_gp11_host "$tmp/gp11-host.log" "${hostenv[@]}" make \
	-C "$tmp/gp11/host" CROSS_COMPILE= "${teec[@]}" --no-builtin-variables
cp "$tmp/gp11-out/$gp11_uuid.ta" "$tmp/tadir/" 2>/dev/null
syms=$(nm -D --defined-only "$tmp/gp11-out/$gp11_uuid.so" 2>/dev/null)
check gp11_exports_gp11_entry_points \
	grep -q ' __GP11_TA_InvokeCommandEntryPoint$' <<<"$syms"
check gp11_no_plain_entry_points \
	bash -c '! grep -q " TA_OpenSessionEntryPoint$" <<<"$1"' _ "$syms"

# --- run both clients in one stack ----------------------------------------
# info: the TA host shows TA traces up to DMSG. The raised driver quotas
# let the GP 1.1 client try a (sparse, untouched) memref of 4 GiB.
run_out=$tmp/run
mkdir "$run_out"
LD_LIBRARY_PATH=$export_dir/teec/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
timeout 120 "$softee" run --ta-dir "$tmp/tadir" --log-level info \
	--driver-arg --quota-pinned --driver-arg 6G \
	--driver-arg --quota-total --driver-arg 6G -- \
	bash -c '"$1" >"$3/example.out" 2>&1; echo $? >"$3/example.rc"
		 "$2" >"$3/gp11.out" 2>&1; echo $? >"$3/gp11.rc"
		 cat "$SOFTEE_DEV_DIR"/*.log >"$3/stack.log"' _ \
	"$tmp/example/host/softee_devkit_example" \
	"$tmp/gp11/host/softee_gp11_client" "$run_out"
rc=$?
case $rc in
0) pass stack_run ;;
125) fail stack_run "softee run could not start the stack" ;;
124) fail stack_run "timed out" ;;
*) fail stack_run "softee run exited with $rc" ;;
esac

out=$run_out/example.out
log=$run_out/stack.log
touch "$out" "$log" "$run_out/gp11.out"
if [ "$(cat "$run_out/example.rc" 2>/dev/null)" = 0 ]; then
	pass example_client_succeeds
else
	fail example_client_succeeds "$(tail -n 3 "$out")"
fi
check example_increments grep -qx 'TA incremented value to 43' "$out"
# sub.mk: cflags-y per directory (not inherited by util/),
# cflags-<file>-y, cflags-remove-<file>-y, cflags-remove-y (-O2 in util/),
# incdirs-y (priv/ only for util/), global-incdirs-y, subdirs-y, a CFG_
# variable of the TA Makefile, the static library, the log level.
build_line='build: main_only=7 main_removed=1 main_util_flag=0 main_priv=0'
build_line+=' feature=1 submk_feature=1 trace_level=3 log_level=3'
build_line+=' lib_hash=68ac4a0f props_all=1 props_only_main=0'
build_line+=' props_removed=0 util_flag=3 util_all=0 util_optimized=0'
build_line+=' util_priv=90'
if grep -qxF "$build_line" "$out"; then
	pass sub_mk_flags_and_dirs
else
	fail sub_mk_flags_and_dirs "got: $(grep '^build:' "$out")"
fi
props=(
	'properties: gpd.ta.description=softee dev kit example TA'
	'gpd.ta.version=2.5' 'gp.ta.description=Dev kit example of softee'
	'gpd.ta.stackSize=4096' 'gpd.ta.dataSize=32768' 'gp.ta.version=16'
	'gpd.ta.singleInstance=true' 'gpd.ta.multiSession=true'
	'gpd.ta.instanceKeepAlive=true' 'org.softee.example.bool=true'
	'org.softee.example.u64=0x123456789a'
	'org.softee.example.uuid=5eed7e57-00e0-4c1e-9a7b'
	'org.softee.example.blob=softee'
)
missing=
for p in "${props[@]}"; do
	grep -qxF "$p" "$out" || missing+=" [$p]"
done
if [ -z "$missing" ]; then
	pass ta_properties_seen
else
	fail ta_properties_seen "missing:$missing"
fi
# Level 3 (the TA's default): E, I and D traced, F compiled out.
check trace_level_3_error grep -q 'devkit-example-trace-E' "$log"
check trace_level_3_info grep -q 'devkit-example-trace-I' "$log"
check trace_level_3_debug grep -q 'devkit-example-trace-D' "$log"
check_absent trace_level_3_no_flow devkit-example-trace-F "$log"

# The GP 1.1 client prints its own PASS/FAIL/SKIP lines.
sed -n 's/^\(PASS\|FAIL\|SKIP\): gp11\//\1: devkit_example\/gp11_/p' \
	"$run_out/gp11.out"
if [ "$(cat "$run_out/gp11.rc" 2>/dev/null)" = 0 ]; then
	pass gp11_client_succeeds
else
	fail gp11_client_succeeds "$(grep -v '^\(PASS\|SKIP\):' \
		"$run_out/gp11.out" | tail -n 3) $(grep -m 1 \
		'cannot load TA' "$log")"
fi
# The GP 1.1 TA is built with CFG_TEE_TA_LOG_LEVEL=1: errors only.
check gp11_trace_error grep -q 'softee-gp11-trace-E' "$log"
check_absent gp11_trace_no_info softee-gp11-trace-I "$log"
exit $status

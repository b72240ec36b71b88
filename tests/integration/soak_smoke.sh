#!/usr/bin/env bash
# A short soak (`softee perf soak`, 20 s): the mixed load runs without a
# single failed cycle, and throughput and the RSS of every softee process
# are sampled and reported. The memory verdict is a report, not checked
# here (20 s is too short to judge; `make soak` is the real run).
# usage: soak_smoke.sh BUILD_DIR
set -u
b=${1:?build dir}
softee=$b/bin/softee
if [ ! -x "$softee" ] || [ ! -x "$b/bin/softee-perf" ]; then
	echo "FAIL: soak_smoke_prerequisites: softee or softee-perf is not built"
	exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
timeout 300 "$softee" perf soak --duration "${SOAK_SMOKE_DURATION:-20s}" \
	--interval 1s --out "$out" >"$out/stdout" 2>"$out/stderr"
rc=$?
status=0
fail() { echo "FAIL: $1: $2"; status=1; }

case $rc in
0) echo "PASS: soak_smoke_load_without_failures" ;;
3) fail soak_smoke_load_without_failures "a load cycle failed: $(grep 'failure:' "$out/stderr" | head -3 | tr '\n' ' ')" ;;
*) fail soak_smoke_load_without_failures "softee perf soak exited with $rc: $(tail -3 "$out/stderr" | tr '\n' ' ')" ;;
esac

csv=$out/soak.csv
rows=$( [ -f "$csv" ] && tail -n +2 "$csv" | wc -l || echo 0)
if [ "$rows" -ge 10 ]; then
	echo "PASS: soak_smoke_samples_taken"
else
	fail soak_smoke_samples_taken "$rows samples in $csv (expected at least 10)"
fi

# Columns: t_s,ops,ops_per_s,cycles,errors,secure,driver,supplicant,client RSS,...
bad=$( [ -f "$csv" ] && tail -n +2 "$csv" | awk -F, '$6 <= 0 || $7 <= 0 || $8 <= 0 || $9 <= 0' | wc -l || echo 1)
last=$( [ -f "$csv" ] && tail -n 1 "$csv")
cycles=$(echo "$last" | cut -d, -f4)
errors=$(echo "$last" | cut -d, -f5)
if [ "$rows" -gt 0 ] && [ "$bad" -eq 0 ] && [ "${cycles:-0}" -gt 0 ] && [ "${errors:-1}" -eq 0 ]; then
	echo "PASS: soak_smoke_rss_of_every_process_and_progress"
else
	fail soak_smoke_rss_of_every_process_and_progress "$bad samples without an RSS, $cycles cycles, $errors failed"
fi

if grep -q '^verdict: ' "$out/stdout" && grep -q 'softee-driver' "$out/stdout"; then
	echo "PASS: soak_smoke_verdict_reported"
else
	fail soak_smoke_verdict_reported "no memory table or verdict in the output"
fi

if ! command -v gnuplot >/dev/null; then
	echo "SKIP: soak_smoke_plots: gnuplot is not installed (scripts/install-deps.sh)"
elif [ -s "$out/soak-rss.png" ] && [ -s "$out/soak-throughput.png" ]; then
	echo "PASS: soak_smoke_plots"
else
	fail soak_smoke_plots "no PNG in $out: $(grep 'no plot' "$out/stderr" | head -1)"
fi
exit $status

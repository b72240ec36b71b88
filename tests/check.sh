#!/usr/bin/env bash
# Build both variants and run the whole suite in each: plain, then
# ASan+UBSan. Ends with the total "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
make -j"$jobs" all || { echo "0 passed, 1 failed"; exit 1; }
make -j"$jobs" SAN=1 all || { echo "0 passed, 1 failed"; exit 1; }
rc=0
tests/run_all.sh build/out plain || rc=1
tests/run_all.sh build/san asan+ubsan || rc=1
read -r p1 f1 s1 < build/out/test-counts || { p1=0 f1=1 s1=0; }
read -r p2 f2 s2 < build/san/test-counts || { p2=0 f2=1 s2=0; }
echo
echo "$((p1 + p2)) passed, $((f1 + f2)) failed, $((s1 + s2)) skipped"
exit $rc

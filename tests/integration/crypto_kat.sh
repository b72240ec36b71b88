#!/usr/bin/env bash
# Symmetric crypto and objects in TAs (issue 4): runs the known-answer
# families, GP error checks and panic cases of tests/ta/softee_crypto
# through crypto_kat, then the secure_hash_aes sample, in a fresh stack.
# usage: crypto_kat.sh BUILD_DIR [TEST...]
set -u
b=${1:?build dir}
shift
softee=$b/bin/softee
client=$b/tests/integration/crypto_kat
sample=$b/bin/softee-secure-hash-aes
for x in "$softee" "$client" "$sample"; do
	if [ ! -x "$x" ]; then
		echo "FAIL: crypto_kat_prerequisites: $x is not built"
		exit 1
	fi
done
for ta in 5eed7e57-00c5-4c1e-9a7b-50f7ee0000c5 \
	9a9f0973-189a-41f4-a563-f7b34518c32b; do
	if [ ! -f "$b/ta/$ta.ta" ]; then
		echo "FAIL: crypto_kat_prerequisites: $b/ta/$ta.ta is missing"
		exit 1
	fi
done
status=0
timeout 600 "$softee" run --ta-dir "$b/ta" -- "$client" "$@"
case $? in
0) ;;
125) echo "FAIL: crypto_kat_stack_starts: softee run could not start the stack"; status=1 ;;
124) echo "FAIL: crypto_kat_finishes_in_time: crypto_kat timed out"; status=1 ;;
*) status=1 ;;
esac

# The sample: SHA-256 of "abc" is FIPS 180-4's, sealing round-trips and
# a changed byte is refused.
if [ $# -eq 0 ] || [[ " $* " == *" sample_secure_hash_aes "* ]]; then
	out=$(timeout 300 "$softee" run --ta-dir "$b/ta" -- "$sample" abc 2>&1)
	rc=$?
	want=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
	if [ $rc -ne 0 ]; then
		echo "FAIL: sample_secure_hash_aes: exit $rc: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
		status=1
	elif ! grep -qx "sha256: $want" <<<"$out" ||
	     ! grep -qx "opened: abc" <<<"$out" ||
	     ! grep -qx "tampered: refused" <<<"$out"; then
		echo "FAIL: sample_secure_hash_aes: unexpected output: $(echo "$out" | tr '\n' ' ')"
		status=1
	else
		echo "PASS: sample_secure_hash_aes"
	fi
fi
exit $status

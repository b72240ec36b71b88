#!/usr/bin/env bash
# Signed TA images: every kind of bad <uuid>.ta (unsigned, another key,
# flipped bytes in ELF, signature and header, truncations, size lies, a
# renamed image, an empty and a huge sparse file) is refused with
# TEE_ERROR_SECURITY, origin TEE and its reason in the secure world's log,
# while a good TA keeps serving (ta_images). Then a TA signed with a
# custom key runs when the stack has that public key (softee run
# --ta-pubkey, or --secure-arg --ta-pubkey=) and is refused without it.
# usage: ta_images.sh BUILD_DIR
set -u
b=$(cd "${1:?build dir}" && pwd) || exit 1
root=$(cd "$(dirname "$0")/../.." && pwd)
softee=$b/bin/softee
prog=$b/tests/integration/ta_images
devkey=$root/keys/dev_ta_key.pem
t1=5eed7e57-0001-4c1e-9a7b-50f7ee000001	# softee_test
t2=5eed7e57-0002-4c1e-9a7b-50f7ee000002	# softee_test_multi
for x in "$softee" "$prog" "$b/bin/softee-sign"; do
	if [ ! -x "$x" ]; then
		echo "FAIL: ta_images_prerequisites: $x is not built"
		exit 1
	fi
done
for x in "$b/ta/$t1.ta" "$b/ta/$t2.ta" "$devkey"; do
	if [ ! -f "$x" ]; then
		echo "FAIL: ta_images_prerequisites: $x is missing"
		exit 1
	fi
done
if ! command -v openssl >/dev/null; then
	echo "FAIL: ta_images_prerequisites: the openssl command is needed"
	exit 1
fi
tmp=$(mktemp -d /tmp/softee-ta-images.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
status=0
pass() { echo "PASS: ta_images/$1"; }
fail() { echo "FAIL: ta_images/$1: $2"; status=1; }

SECURITY=0xffff000f
NOT_FOUND=0xffff0008
HDR=80		# sizeof(struct softee_ta_img_hdr)
ELF_OFF=144	# header + Ed25519 signature

dir=$tmp/ta
mkdir -p "$dir"
# The ELF inside softee_test's image, and a key pair of our own.
tail -c +$((ELF_OFF + 1)) "$b/ta/$t1.ta" >"$tmp/t1.elf"
elf_size=$(stat -c %s "$tmp/t1.elf")
openssl genpkey -algorithm ed25519 -out "$tmp/custom.pem" 2>/dev/null &&
	openssl pkey -in "$tmp/custom.pem" -pubout -out "$tmp/custom.pub.pem" 2>/dev/null
if [ ! -s "$tmp/custom.pub.pem" ] || [ "$elf_size" -le 4096 ]; then
	echo "FAIL: ta_images_setup: no test key or no ELF in $b/ta/$t1.ta"
	exit 1
fi

# Each bad image gets its own UUID so that one stack sees them all.
n=0
cases=()
next_uuid() { n=$((n + 1)); printf -v uuid '5eed7e57-1a6e-4c1e-9a7b-50f7ee0000%02x' "$n"; }
# add NAME CODE REASON: the case for the image just written as $uuid.ta
add() { cases+=("$1|$uuid|$2|$3"); }
# sign KEY OUT [UUID]: a correctly signed image of softee_test's ELF
sign() { "$softee" sign --key "$1" --uuid "${3:-$uuid}" --in "$tmp/t1.elf" --out "$2"; }
# flip FILE OFFSET: invert the lowest bit of one byte in place
flip() {
	local v
	v=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "\\x$(printf %02x $((v ^ 1)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
# put64 FILE OFFSET VALUE: a little-endian 64-bit value in place
put64() {
	local i s=""
	for i in 0 1 2 3 4 5 6 7; do
		s+=$(printf '\\x%02x' $((($3 >> (8 * i)) & 255)))
	done
	printf "$s" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

next_uuid; cp "$tmp/t1.elf" "$dir/$uuid.ta"
add unsigned_elf_refused $SECURITY "unsigned ELF"
next_uuid; sign "$tmp/custom.pem" "$dir/$uuid.ta"
add another_key_refused $SECURITY "signature verification failed"
# Custom-signed and tampered: the custom key's stacks must refuse it too.
next_uuid; sign "$tmp/custom.pem" "$dir/$uuid.ta"; flip "$dir/$uuid.ta" $((ELF_OFF + 100))
add another_key_tampered_refused $SECURITY "signature verification failed"
tampered=$uuid
# softee-sign (the dev kit's tool) must make the same image as softee sign.
next_uuid; "$b/bin/softee-sign" --key "$devkey" --uuid "$uuid" \
	--in "$tmp/t1.elf" --out "$dir/$uuid.ta"
sign "$devkey" "$tmp/same.ta"
if cmp -s "$dir/$uuid.ta" "$tmp/same.ta"; then
	pass softee_sign_and_softee_sign_agree
else
	fail softee_sign_and_softee_sign_agree "softee-sign and softee sign differ"
fi
flip "$dir/$uuid.ta" $((ELF_OFF + elf_size / 2))
add elf_byte_flipped_refused $SECURITY "hash mismatch"
next_uuid; sign "$devkey" "$dir/$uuid.ta"; flip "$dir/$uuid.ta" $((ELF_OFF + elf_size - 1))
add elf_last_byte_flipped_refused $SECURITY "hash mismatch"
next_uuid; sign "$devkey" "$dir/$uuid.ta"; flip "$dir/$uuid.ta" $((HDR + 10))
add signature_byte_flipped_refused $SECURITY "signature verification failed"
next_uuid; sign "$devkey" "$dir/$uuid.ta"; flip "$dir/$uuid.ta" $((ELF_OFF - 1))
add signature_last_byte_flipped_refused $SECURITY "signature verification failed"
# One flipped byte per header field: offset, case name, reason.
for f in "0 magic bad magic" "4 version unsupported TA image version" \
	"6 hdr_size unsupported TA image version" \
	"8 uuid signature verification failed" \
	"23 uuid_last signature verification failed" \
	"24 elf_size does not match its header" \
	"31 elf_size_high does not match its header" \
	"32 hash_algo unsupported algorithms" "36 sig_algo unsupported algorithms" \
	"40 sig_len unsupported algorithms" "44 reserved reserved TA image header" \
	"48 hash signature verification failed"; do
	read -r off name reason <<<"$f"
	next_uuid; sign "$devkey" "$dir/$uuid.ta"; flip "$dir/$uuid.ta" "$off"
	add "header_${name}_flipped_refused" $SECURITY "$reason"
done
# Truncations: inside the header, the signature, the ELF.
for len in 1 $((HDR - 1)) $HDR $((ELF_OFF - 1)) $ELF_OFF $((ELF_OFF + 1)) \
	$((ELF_OFF + elf_size / 2)) $((ELF_OFF + elf_size - 1)); do
	next_uuid; sign "$devkey" "$dir/$uuid.ta"; truncate -s "$len" "$dir/$uuid.ta"
	if [ "$len" -lt $HDR ]; then reason="too short"; else reason="does not match its header"; fi
	add "truncated_to_${len}_refused" $SECURITY "$reason"
done
# One trailing byte too many.
next_uuid; sign "$devkey" "$dir/$uuid.ta"; printf 'x' >>"$dir/$uuid.ta"
add extended_by_one_byte_refused $SECURITY "does not match its header"
# elf_size lies that would overflow a careless size computation.
for v in 0 $((elf_size + 1)) -1 $((-ELF_OFF)) $((-HDR)) $((1 << 63)) \
	$(((1 << 32) + elf_size)); do
	next_uuid; sign "$devkey" "$dir/$uuid.ta"; put64 "$dir/$uuid.ta" 24 "$v"
	add "elf_size_$(printf %x "$v")_refused" $SECURITY "does not match its header"
done
# softee_test_multi's valid image renamed to another TA's UUID.
next_uuid; cp "$b/ta/$t2.ta" "$dir/$uuid.ta"
add renamed_image_refused $SECURITY "signed for another UUID"
# Correctly signed, but the TA inside declares another UUID (softee_test's):
# the TA host refuses to run it.
next_uuid; sign "$devkey" "$dir/$uuid.ta"
add ta_declaring_another_uuid_refused $SECURITY "*TA declares a different UUID"
next_uuid; : >"$dir/$uuid.ta"
add empty_file_refused $SECURITY "size 0 out of range"
# Above SOFTEE_TA_IMG_MAX_SIZE (64 MiB) without using the disk: a hole.
next_uuid; sign "$devkey" "$dir/$uuid.ta"; truncate -s $(((64 << 20) + 1)) "$dir/$uuid.ta"
add huge_sparse_file_refused $SECURITY "out of range"
# No file at all: not found, which is not a security error.
next_uuid
add missing_image_not_found $NOT_FOUND ""

# The good TA of the first stack is softee_test (development key; one
# kept-alive instance, so checking it starts no new TA host each time).
# softee_test_multi is built again with the exported dev kit and signed
# with the custom key (TA_SIGN_KEY), as a TA developer does: refused by
# the default key, the good TA of the stacks below.
cp "$b/ta/$t1.ta" "$dir/"
mkdir "$tmp/tasrc"
cp -R "$root/tests/ta/softee_test" "$root/tests/ta/softee_test_multi" "$tmp/tasrc/"
if env -u CFLAGS -u LDFLAGS -u CPPFLAGS -u MAKEFLAGS -u MFLAGS \
	make -C "$tmp/tasrc/softee_test_multi" CROSS_COMPILE= \
	TA_DEV_KIT_DIR="$b/export/ta_dev_kit" O="$tmp/kit" \
	TA_SIGN_KEY="$tmp/custom.pem" >"$tmp/kit.log" 2>&1 &&
	cp "$tmp/kit/$t2.ta" "$dir/$t2.ta" &&
	! cmp -s "$dir/$t2.ta" "$b/ta/$t2.ta"; then
	pass devkit_signs_with_ta_sign_key
else
	fail devkit_signs_with_ta_sign_key "dev kit build with TA_SIGN_KEY: $(tail -n 5 "$tmp/kit.log")"
	tail -c +$((ELF_OFF + 1)) "$b/ta/$t2.ta" >"$tmp/t2.elf"
	"$softee" sign --key "$tmp/custom.pem" --uuid "$t2" --in "$tmp/t2.elf" \
		--out "$dir/$t2.ta"
fi
cases+=("custom_key_refused_by_default_key|$t2|$SECURITY|signature verification failed")

run_stack() { # label softee-options... -- prog args...
	local label=$1 rc
	shift
	timeout 300 "$softee" run --ta-dir "$dir" "$@"
	rc=$?
	case $rc in
	0) ;;
	125) fail "$label/stack_starts" "softee run could not start the stack" ;;
	124) fail "$label/finishes_in_time" "timed out" ;;
	*) status=1 ;;
	esac
}
run_stack default_key -- "$prog" "$t1" "${cases[@]}"

# The custom key through `softee run --ta-pubkey` and through a secure
# world option: softee_test_multi runs, the development-signed
# softee_test is refused.
custom_cases() { # label
	echo "$1/custom_signed_ta_runs|$t2|0|"
	echo "$1/dev_signed_ta_refused|$t1|$SECURITY|signature verification failed"
	echo "$1/tampering_still_refused|$tampered|$SECURITY|hash mismatch"
}
mapfile -t custom < <(custom_cases run_ta_pubkey)
run_stack run_ta_pubkey --ta-pubkey "$tmp/custom.pub.pem" -- \
	"$prog" "$t2" "${custom[@]}"
mapfile -t custom < <(custom_cases secure_arg_ta_pubkey)
run_stack secure_arg_ta_pubkey --secure-arg "--ta-pubkey=$tmp/custom.pub.pem" -- \
	"$prog" "$t2" "${custom[@]}"

# A --ta-pubkey that is missing or not an Ed25519 public key stops the
# stack from starting, with the reason, rather than refusing every TA.
for k in "$tmp/missing.pem" "$tmp/custom.pem" "$tmp/t1.elf"; do
	name=$(basename "$k" | tr . _)
	out=$("$softee" run --ta-dir "$dir" --timeout 20 --ta-pubkey "$k" -- true 2>&1)
	rc=$?
	if [ $rc -eq 125 ] && grep -q "TA public key" <<<"$out"; then
		pass "bad_ta_pubkey_${name}_stops_the_stack"
	else
		fail "bad_ta_pubkey_${name}_stops_the_stack" "exit $rc: $(tail -n 3 <<<"$out")"
	fi
done
exit $status

#!/usr/bin/env bash
# Write the seed corpus of fuzz_driver_rpccmd: small valid scripts, one per
# area of the driver's RPC handling, so fuzzing starts deep. The script
# format is described at the top of tests/fuzz/fuzz_driver_rpccmd.c.
# usage: tests/fuzz/gen_rpccmd_seeds.sh [DIR]
set -eu
dir=${1:-$(cd "$(dirname "$0")" && pwd)/corpus/fuzz_driver_rpccmd}
mkdir -p "$dir"

out=
b() { local v h; for v; do printf -v h '\\x%02x' $((v & 255)); out+=$h; done; }
u32() { b $(($1)) $(($1 >> 8)) $(($1 >> 16)) $(($1 >> 24)); }
u64() { u32 $(($1 & 0xffffffff)); u32 $((($1 >> 32) & 0xffffffff)); }
seed() { out=; b "$1"; }			# config byte
save() { printf '%b' "$out" >"$dir/seed_$1"; }

# Steps (refs: each ALLOC/SHM_ALLOC result in order, from 0).
alloc() { b 0; u32 "$1"; }
free_ref() { b 1 "$1"; u64 "${2:-0}"; }
intr() { b 2; }
raw() { b 3; u32 "$1"; u32 "$2"; u32 "$3"; }
cmd() { b 4 "$1"; u32 "$2"; u32 "$3"; }		# arg ref, cmd, num_params
param() { b "$1" "$2" "$3"; u64 "$4"; u64 "$5"; u64 "$6"; } # kind attr ref a b c
ans() { b "$1"; u32 "$2"; u64 "$3"; u64 "$4"; }	# supplicant: mode ret w0 w1
supp() { b 5 "$1"; }

# Commands, attrs, kinds and modes as in the target.
GET_TIME=3 WQ=4 SUSPEND=5 SHM_ALLOC=6 SHM_FREE=7 RPMB=1 FS=2 SOCKET=10
APPL=0 KERNEL=1 GLOBAL=2 SLEEP=0 WAKEUP=1
VIN=1 VOUT=2 VINOUT=3
RAW=0 VALREF=1 RMEM=2 TMEM=3 FIT=16
M_NOMETA=1 M_SHORT=2 M_BADSEND=3 M_DIE=4 M_RESTART=5 M_RET=8 M_BADID=16
M_SMALL=32 M_REG=64 M_KEEP=128
OOM=0xffff000c

# 1. Args: ALLOC, GET_TIME, hostile headers, double and unknown FREE.
seed 0
alloc 160
cmd 0 $GET_TIME 1; param $RAW $VOUT 0 0 0 0
cmd 0 $GET_TIME 1; param $RAW $VIN 0 0 0 0
cmd 0 $GET_TIME 0xffffffff
for i in 1 2 3 4; do param $RAW $VOUT 0 0 0 0; done
intr
raw 0xffff0007 0 0
free_ref 0; free_ref 0; free_ref 255 0x1234
cmd 0 $GET_TIME 1; param $RAW $VOUT 0 0 0 0
save args

# 2. KERNEL shm: alloc, wrong-type free, free, double free, use as an arg.
seed 0
alloc 160
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $KERNEL 1000 8
cmd 0 $SHM_FREE 1; param $VALREF $VIN 1 $APPL 0 0
cmd 0 $SHM_FREE 1; param $VALREF $VIN 1 $KERNEL 0 0
cmd 0 $SHM_FREE 1; param $VALREF $VIN 1 $KERNEL 0 0
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $GLOBAL 100 8
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $KERNEL 200 64
cmd 2 $GET_TIME 1; param $RAW $VOUT 0 0 0 0
free_ref 2
alloc 8
cmd 3 $GET_TIME 1; param $RAW $VOUT 0 0 0 0
free_ref 0; free_ref 3
save kernel_shm

# 3. APPL shm through the supplicant and a forwarded FS command with
# RMEM/TMEM params; memrefs into driver memory must be refused.
seed 0
alloc 256
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $APPL 8192 0; ans 0 0 0 0
cmd 0 $FS 4
param $((RMEM | FIT)) 2 1 16 0 0
param $RAW $VINOUT 0 1 2 3
param $((TMEM | FIT)) 1 1 0 0 0
param $RAW 9 0 0 100 0
ans $M_SMALL 0 7 100
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $KERNEL 512 8
cmd 0 $RPMB 2; param $RMEM 0 2 0 16 0; param $RAW $VIN 0 1 1 1
cmd 0 $FS 1; param $TMEM 0 2 0 16 0
cmd 0 $SHM_FREE 1; param $VALREF $VIN 1 $APPL 0 0; ans 0 0 0 0
free_ref 0
save appl_forward

# 4. Dynamic pools, 16K pages: page lists for KERNEL and APPL shm, a
# registration at an offset, a refused 8K ALLOC; one APPL left to clean up.
seed $((1 | 1 << 1))
alloc 4096
alloc 8192
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $KERNEL 20000 4096
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $APPL 30000 0; ans $M_REG 0 0 0x123
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $APPL 4096 0; ans 0 0 0 0
cmd 0 $FS 1; param $((RMEM | FIT)) 1 2 5 0 0; ans 0 0 1 2
cmd 0 $FS 1; param $((TMEM | FIT)) 0 3 0 0 0
cmd 1 $GET_TIME 1; param $RAW $VOUT 0 0 0 0
cmd 0 $SHM_FREE 1; param $VALREF $VIN 1 $KERNEL 0 0
cmd 0 $SHM_FREE 1; param $VALREF $VIN 2 $APPL 0 0; ans 0 0 0 0
free_ref 0
save dyn_pagelists

# 5. Dynamic, 4K contiguous: APPL by PA, TMEM into it; made-up ids,
# too small shm and an error from the supplicant.
seed $((1 | 3 << 1 | 8))
alloc 160
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $APPL 4096 0; ans 0 0 0 0
cmd 0 $FS 1; param $((TMEM | FIT)) 2 1 0 0 0; ans $M_SMALL 0 0 50
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $APPL 100 0; ans $M_BADID 0 3 0
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $APPL 8192 0; ans $M_SMALL 0 0 0
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $APPL 100 0; ans $M_RET $OOM 0 0
cmd 0 $SHM_FREE 1; param $VALREF $VIN 1 $APPL 0 0; ans $M_KEEP 0 0 0
free_ref 0
save dyn_contig

# 6. Wait queue and suspend (one 1 ms timeout allowed).
seed 16
alloc 64
cmd 0 $WQ 1; param $RAW $VIN 0 $WAKEUP 5 0
cmd 0 $WQ 1; param $RAW $VIN 0 $SLEEP 5 0
cmd 0 $WQ 1; param $RAW $VIN 0 $SLEEP 6 0
cmd 0 $WQ 1; param $RAW $VIN 0 $SLEEP 7 1
cmd 0 $WQ 1; param $RAW $VIN 0 $WAKEUP 8 0
cmd 0 $WQ 1; param $RAW $VIN 0 2 8 0
cmd 0 $SUSPEND 1; param $RAW $VIN 0 1 0 0
cmd 0 $SUSPEND 1; param $RAW $VOUT 0 1 0 0
free_ref 0
save waitqueue

# 7. Supplicant behaviours: old protocol, short receive, bad answers,
# death while serving, restarts (a dead one's shm is no longer usable),
# absence.
seed 0
alloc 160
for m in $M_NOMETA $M_SHORT $M_BADSEND $M_DIE 0 $M_RESTART; do
	cmd 0 $SOCKET 2; param $RAW $VINOUT 0 1 2 3; param $RAW $VOUT 0 0 0 0
	ans $m 0 0x1111 0x2222
done
supp 0
cmd 0 $FS 1; param $RAW $VIN 0 1 2 3; ans $M_RET 0xffff0000 0 0
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $APPL 4096 0; ans 0 0 0 0
supp 2
cmd 0 $FS 1; param $((RMEM | FIT)) 2 1 0 0 0
cmd 0 $SHM_FREE 1; param $VALREF $VIN 1 $APPL 0 0; ans 0 0 0 0
supp 1
cmd 0 $FS 1; param $RAW $VIN 0 1 2 3
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $APPL 4096 0
cmd 0 $FS 1; param $TMEM 0 0 0 16 0
supp 1; supp 2
cmd 0 $FS 0; ans $M_SHORT 0 0 0
free_ref 0
save supplicant

# 8. Hostile values: flags on params, unknown types, huge sizes, offsets
# that overflow.
seed 0
alloc 160
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $APPL 8192 0; ans 0 0 0 0
cmd 0 $FS 1; param $((RAW | 8)) 9 0 0 16 0
cmd 0 $FS 1; param $RAW 0x20 0 0 0 0
cmd 0 $FS 1; param $RMEM 0 1 0xffffffffffffff00 0x200 0
cmd 0 $FS 1; param $((TMEM | 4)) 0 1 0 16 0
cmd 0 $SHM_FREE 2; param $VALREF $VIN 1 $APPL 0 0; param $RAW 0 0 0 0 0
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $KERNEL 0x7fffffffffffffff 8
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $KERNEL 0 8
cmd 0 $SHM_ALLOC 1; param $RAW $VIN 0 $KERNEL 64 3
alloc 0xffffffff
alloc 0
free_ref 255 0xdeadbeef
save hostile

ls "$dir" | wc -l

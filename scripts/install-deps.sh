#!/usr/bin/env bash
# Install the Debian 12 packages softee needs to build, test and benchmark.
# Idempotent: only missing packages are installed. Needs root (or sudo).
set -eu
pkgs=(build-essential pkg-config clang libclang-rt-14-dev llvm libssl-dev libseccomp-dev gnuplot-nox procps)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
#===- utils/install-deps.sh - Install go-llc's build and test dependencies ===#
#
# Installs, only when missing, the Debian 12 packages go-llc needs: LLVM/MLIR
# 19.1, clang/lld 19, GoogleTest, CMake, Ninja and pkg-config (test/Install).
# Safe to run repeatedly.
# Extra package names on the command line are installed too (`make deps`
# passes gccgo-12 for test/e2e and test/gotest, and gcc-12-source, whose GCC
# tarball holds Go's test/ directory, for test/gotest).
#
#   utils/install-deps.sh [extra-package...]
#
#===----------------------------------------------------------------------===#
set -euo pipefail
# --help prints the header above and does nothing else.
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  awk 'NR == 1 || /^#===|Part of go-llc/ { next } !/^#/ { exit }
       { sub(/^# ?/, ""); if ($0 != "" || shown) print; shown = shown || $0 != "" }' "$0"
  exit 0
fi

packages=(cmake ninja-build python3 llvm-19-dev llvm-19-tools libmlir-19-dev
          mlir-19-tools clang-19 lld-19 libgtest-dev pkg-config "$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Builds the addon with compilers other than the machine's default and runs
# the kernel suites on each binary: g++ 11 (the oldest GCC the install
# message names) and clang++ (the compiler of macOS and of many builds from
# source off Linux). Each build uses the Makefile node-gyp wrote in build/
# (the same sources and flags as `npm install`), into a scratch folder, so
# build/ is left as it was. Needs a configured build/ (npm install).
#
#   scripts/check-compilers.sh [compiler ...]     default: g++-11 clang++
set -euo pipefail
cd "$(dirname "$0")/.."

compilers=("$@")
[ "${#compilers[@]}" -gt 0 ] || compilers=(g++-11 clang++)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for cxx in "${compilers[@]}"; do
  case "$cxx" in
    clang++*) cc=${cxx/clang++/clang} ;;
    g++*) cc=${cxx/g++/gcc} ;;
    *) cc=cc ;;
  esac
  out="$scratch/$cxx/Release"
  echo "== $cxx ($("$cxx" --version | head -1)): build"
  if ! make -C build -j"$(nproc)" BUILDTYPE=Release builddir="$out" \
    CXX="$cxx" CXX.target="$cxx" CC.target="$cc" LINK.target="$cxx" > "$scratch/$cxx.log" 2>&1; then
    grep -E "error|Error" "$scratch/$cxx.log" | head -40
    echo "check-compilers: the build with $cxx failed"
    exit 1
  fi
  echo "== $cxx: kernel, product and small-array suites on that binary"
  NDINTEROP_ADDON="$out/ndinterop.node" npx vitest run \
    test/ufunc/kernels.test.ts test/ufunc/matmul-kernel.test.ts test/ufunc/tiny-numpy.test.ts
done
echo "check-compilers: ok (${compilers[*]})"

#!/usr/bin/env bash
# libFuzzer targets (fuzz/*_fuzzer.cc) for a short fixed time each: at most
# 10 s per target and about 60 s of fuzzing in total (longer runs:
# scripts/fuzz.sh N). Installs clang and its libFuzzer runtime from Debian
# when clang is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v clang++ >/dev/null; then
  echo "== installing clang + libFuzzer (apt-get)"
  apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y clang libclang-rt-14-dev >/dev/null
fi

targets=$(ls fuzz/*_fuzzer.cc | wc -l)
seconds=$(( 60 / targets ))
[ "$seconds" -gt 10 ] && seconds=10
[ "$seconds" -lt 5 ] && seconds=5
exec bash scripts/fuzz.sh "$seconds"

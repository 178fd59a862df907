#!/usr/bin/env bash
# libFuzzer targets (fuzz/*_fuzzer.cc) for a short fixed time each, a smoke
# run from the committed seed corpus: 5 s per target, about 30 s in all, to
# keep CI within its time budget (longer runs: scripts/fuzz.sh N). Installs
# clang and its libFuzzer runtime from Debian when clang is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v clang++ >/dev/null; then
  echo "== installing clang + libFuzzer (apt-get)"
  bash .ci/apt-install.sh clang libclang-rt-14-dev
fi

targets=$(ls fuzz/*_fuzzer.cc | wc -l)
seconds=$(( 30 / targets ))
[ "$seconds" -gt 10 ] && seconds=10
[ "$seconds" -lt 3 ] && seconds=3
exec bash scripts/fuzz.sh "$seconds"

#!/usr/bin/env bash
# The addon built with g++ 11 and clang++ (scripts/check-compilers.sh),
# installed from Debian when missing (.ci/apt-install.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v g++-11 >/dev/null || need+=(g++-11)
command -v clang++ >/dev/null || need+=(clang)
if [ "${#need[@]}" -gt 0 ]; then
  echo "== installing ${need[*]} (apt-get)"
  bash .ci/apt-install.sh "${need[@]}"
fi
exec bash scripts/check-compilers.sh

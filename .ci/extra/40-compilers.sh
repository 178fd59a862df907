#!/usr/bin/env bash
# The addon built with g++ 11 and clang++ (scripts/check-compilers.sh),
# installed from Debian when missing. apt-get runs under a lock the fuzz
# hook shares, since the hooks run side by side.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v g++-11 >/dev/null || need+=(g++-11)
command -v clang++ >/dev/null || need+=(clang)
if [ "${#need[@]}" -gt 0 ]; then
  echo "== installing ${need[*]} (apt-get)"
  flock /tmp/ndinterop-ci-apt.lock bash -c \
    "apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y ${need[*]} >/dev/null"
fi
exec bash scripts/check-compilers.sh

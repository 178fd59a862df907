#!/usr/bin/env bash
# valgrind memcheck over two focused workloads, not the whole vitest suite,
# which would take hours under valgrind: scripts/valgrind/workload.mjs (addon
# load in the main thread and in workers, DLPack import/export/view cycles,
# view construction) and scripts/valgrind/workload-io.mjs (.npy/.npz headers,
# memory mappings, saves, async load and save). Node runs with --jitless so V8 generates no code
# valgrind cannot follow.
#
# Fails on: any invalid read, write or free anywhere (ndinterop hands memory
# to V8, so a premature free shows up inside V8), and on any other error or
# definite leak whose stack passes through the addon. V8's conservative stack
# scanning is suppressed (scripts/valgrind/node.supp).
#
#   scripts/valgrind.sh [addon.node]   (default: the node-gyp build)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null; then
  echo "== installing valgrind (apt-get)"
  apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y valgrind >/dev/null
fi

addon=${1:-$PWD/build/Release/ndinterop.node}
for workload in scripts/valgrind/workload.mjs scripts/valgrind/workload-io.mjs; do
  log=$(mktemp)
  echo "== valgrind memcheck: node --jitless $workload ($addon)"
  start=$SECONDS
  NDINTEROP_ADDON="$addon" valgrind --tool=memcheck --trace-children=no \
    --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
    --suppressions=scripts/valgrind/node.supp --num-callers=40 --log-file="$log" \
    node --jitless --expose-gc "$workload"
  echo "== valgrind finished in $((SECONDS - start)) s"
  node scripts/valgrind/report.mjs "$log" ndinterop
done

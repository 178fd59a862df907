#!/usr/bin/env bash
# valgrind memcheck over the focused DLPack/view workload (scripts/valgrind.sh).
set -euo pipefail
exec bash "$(dirname "$0")/../../scripts/valgrind.sh"

#!/usr/bin/env bash
# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
exec bash scripts/sanitize.sh

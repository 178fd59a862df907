#!/usr/bin/env bash
# Installs Debian packages for a CI hook: `bash .ci/apt-install.sh PKG...`.
# apt-get runs under one lock, since the hooks in .ci/extra run side by side
# and two apt-gets at once fail on dpkg's own lock.
set -euo pipefail
exec flock /tmp/ndinterop-ci-apt.lock bash -c \
  'apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null' apt-install "$@"

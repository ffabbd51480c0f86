#!/usr/bin/env bash
# Runs every test suite. The tests start real servers on loopback (sshd, vsftpd, proftpd, s3rver, azurite), so this
# first installs whatever of them is missing (tests/servers/install.sh, which needs root: it uses sudo otherwise).
# Extra arguments go to 'dotnet test' (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then
  tests/servers/install.sh
else
  sudo tests/servers/install.sh
fi

dotnet test Aft.sln "$@"

#!/usr/bin/env bash
# Runs every test suite. The tests start real servers on loopback (sshd, vsftpd, proftpd, s3rver, azurite, PostgreSQL),
# so this first installs whatever of them is missing (tests/servers/install.sh, which needs root: it uses sudo
# otherwise). The API suite then runs a second time with the node on PostgreSQL instead of its embedded SQLite store,
# leaving out the tests that are about one store's files (trait Store=Sqlite).
# Extra arguments go to both 'dotnet test' runs (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then
  tests/servers/install.sh
else
  sudo tests/servers/install.sh
fi

dotnet test Aft.sln "$@"
AFT_TEST_STORE=Postgres dotnet test tests/Aft.Api.Tests --no-build --filter "Store!=Sqlite" "$@"

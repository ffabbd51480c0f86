#!/usr/bin/env bash
# Runs every test suite. The tests start real servers on loopback (sshd, vsftpd, proftpd, s3rver, azurite, PostgreSQL),
# so this first installs whatever of them is missing (tests/servers/install.sh, which needs root: it uses sudo
# otherwise). The suites whose nodes keep a store (API, grains, CLI, silo) then run a second time with their nodes on
# PostgreSQL instead of the embedded SQLite (tests/Aft.Testing/TestStore.cs), leaving out the tests that carry the
# trait Store: those are about one store's own files, or make a store of their own kind and so ran already.
# Extra arguments go to every 'dotnet test' run (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then
  tests/servers/install.sh
else
  sudo tests/servers/install.sh
fi

# The browser tests run on their own after the others: beside a suite that builds and starts many processes (the
# CLI's), a two-core machine leaves their pages waiting long enough to make timeouts the thing under test.
dotnet test Aft.sln --filter "FullyQualifiedName!~Aft.Ui.Tests." "$@"
dotnet test tests/Aft.Ui.Tests --no-build "$@"
for suite in Aft.Api.Tests Aft.Grains.Tests Aft.Cli.Tests Aft.Silo.Tests; do
  AFT_TEST_STORE=Postgres dotnet test "tests/$suite" --no-build --filter "Store!=Sqlite&Store!=Postgres" "$@"
done

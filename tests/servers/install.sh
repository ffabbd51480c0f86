#!/usr/bin/env bash
# Installs the real servers the tests start on loopback (each test fixture runs its own, with its own config and port):
# OpenSSH's sshd, proftpd, PostgreSQL 15 and Chromium (for the web UI's browser tests) from Debian, vsftpd unpacked
# beside them (Debian lets only one FTP server be installed), s3rver and azurite from npm, and the local user the SSH
# and FTP servers log in. Idempotent; needs root.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
dest="$root/.test-servers"
mkdir -p "$dest"

if [ "$(id -u)" -ne 0 ]; then
  echo "tests/servers/install.sh needs root (it installs Debian packages and creates the test user)" >&2
  exit 1
fi

packages=()
[ -x /usr/sbin/sshd ] || packages+=(openssh-server)
[ -x /usr/sbin/proftpd ] || packages+=(proftpd-basic)
command -v puttygen >/dev/null 2>&1 || packages+=(putty-tools)
# The fixture runs the server binary itself on a throwaway cluster; the package's own cluster is never started.
[ -x /usr/lib/postgresql/15/bin/postgres ] || packages+=(postgresql)
# vsftpd's own libraries, for the unpacked binary.
for lib in libwrap0 libcap2 libpam0g libssl3; do
  dpkg -s "$lib" >/dev/null 2>&1 || packages+=("$lib")
done
# Debian's Chromium for the web UI's browser tests (Playwright drives it; no browser download).
[ -x /usr/lib/chromium/chromium ] || packages+=(chromium)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

if [ ${#packages[@]} -gt 0 ] || [ ! -x "$dest/vsftpd/usr/sbin/vsftpd" ]; then
  apt-get update -qq
fi

if [ ${#packages[@]} -gt 0 ]; then
  # Packages must not start their system services: the tests run their own servers on other ports.
  policy=/usr/sbin/policy-rc.d
  made_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  if [ "$made_policy" -eq 1 ]; then rm -f "$policy"; fi
fi

if [ ! -x "$dest/vsftpd/usr/sbin/vsftpd" ]; then
  work=$(mktemp -d)
  (cd "$work" && apt-get -o APT::Sandbox::User=root download -qq vsftpd >/dev/null && dpkg-deb -x vsftpd_*.deb "$dest/vsftpd")
  rm -rf "$work"
fi

if [ ! -x "$dest/node/node_modules/.bin/s3rver" ] || [ ! -x "$dest/node/node_modules/.bin/azurite-blob" ]; then
  npm install --prefix "$dest/node" --no-audit --no-fund --loglevel=error s3rver@3.7.1 azurite@3.37.0 >/dev/null
fi

# The account the SSH and FTP servers log in (on loopback only, while a test runs). Its random password belongs
# to the machine, like the account: it is kept root-only in /var/lib/aft-test, where the fixtures of every
# checkout read it, and set again on each run so the two never disagree.
id aft-test >/dev/null 2>&1 || useradd --create-home --shell /bin/sh aft-test
password_file=/var/lib/aft-test/password
if [ ! -s "$password_file" ]; then
  mkdir -p "$(dirname "$password_file")" && chmod 700 "$(dirname "$password_file")"
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$password_file")
fi
echo "aft-test:$(cat "$password_file")" | chpasswd

echo "test servers ready in $dest"

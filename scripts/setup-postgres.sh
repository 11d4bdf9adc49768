#!/usr/bin/env bash
# Make sure PostgreSQL's server binaries are installed: the store's tests start a throw-away
# cluster on 127.0.0.1 with them (tests/support/postgres.py). Nothing is started here.
#   bash scripts/setup-postgres.sh
# Installs Debian's `postgresql` package when the binaries are missing and this runs as root
# (CI); otherwise says what to install.
set -euo pipefail

found() {
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null
}

if found; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing PostgreSQL (Debian's postgresql package) for the store's tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # The package starts a cluster of its own; the tests need only the binaries.
    (command -v service >/dev/null && service postgresql stop) >/dev/null 2>&1 || true
    found && exit 0
fi
echo "PostgreSQL is needed by the tests: install it (e.g. sudo apt-get install postgresql)" >&2
exit 1

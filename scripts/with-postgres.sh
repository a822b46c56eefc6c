#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 server on loopback and TEST_DATABASE_URL set.
# Debian's binaries; initdb refuses root, so the server runs as the `postgres` user.
# Usage: scripts/with-postgres.sh npm test
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "with-postgres: installing PostgreSQL 15 (Debian)…" >&2
  apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
fi

PGPORT=${PGPORT:-55432}
PGDIR=$(mktemp -d /tmp/trienkhai-pg.XXXXXX)
chown postgres:postgres "$PGDIR"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop() {
  as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap stop EXIT INT TERM

as_postgres "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$PGPORT" >&2
"$@"

#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 cluster on 127.0.0.1:55432 for the store tests; idempotent.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PORT="${PG_PORT:-55432}"
PG_DIR="${PG_DIR:-${TMPDIR:-/tmp}/kinerja-pg}"
URL="postgresql+psycopg://postgres@127.0.0.1:${PG_PORT}/postgres"

# initdb refuses to run as root, so the cluster belongs to the `postgres` user.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

if as_pg "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    echo "$URL"
    exit 0
fi

mkdir -p "$PG_DIR"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_DIR"
fi
chmod 700 "$PG_DIR"

if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 >"$PG_DIR/initdb.log"
fi

# Bound to 127.0.0.1 only; the socket lives in the cluster folder, not /var/run.
if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p ${PG_PORT} -k ${PG_DIR} -c fsync=off" start >/dev/null
fi

for _ in $(seq 1 60); do
    if as_pg "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
        echo "$URL"
        exit 0
    fi
    sleep 0.5
done
echo "PostgreSQL tidak siap; lihat $PG_DIR/server.log" >&2
exit 1

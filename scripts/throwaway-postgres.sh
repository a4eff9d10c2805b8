#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, in a folder the caller made (and later deletes):
#   throwaway-postgres.sh start <dir>   prints the cluster's URL (trust auth, 127.0.0.1 only)
#   throwaway-postgres.sh stop <dir>
# A folder that already holds a cluster is started as it is (the benches keep theirs in .bench/).
# Tests run without fsync; PG_DURABLE=1 keeps fsync and full-page writes (commits still do not
# wait for the disk, as SQLite's WAL with synchronous=NORMAL), for benchmarks against SQLite.
# Exit 3 when no PostgreSQL server binaries are installed (Debian: postgresql, postgresql-contrib).
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail
action=${1:?start or stop}
dir=$(realpath "${2:?folder for the cluster}")

bindir=""
if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
  bindir=$(dirname "$(command -v pg_ctl)")
else
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir=$candidate; break; fi
  done
fi
if [ -z "$bindir" ]; then
  echo "no PostgreSQL server binaries (initdb, pg_ctl) found" >&2
  exit 3
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if [ "${PG_DURABLE:-}" = 1 ]; then settings="-c synchronous_commit=off"; fi
    port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    # Durability is pointless for a cluster deleted after the run; speed is not.
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 $settings" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    # A kept cluster (PG_DURABLE=1) shuts down cleanly; a throwaway one is deleted right after.
    mode=immediate
    if [ "${PG_DURABLE:-}" = 1 ]; then mode=fast; fi
    if [ -d "$dir/data" ]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m "$mode" -w stop >/dev/null || true; fi
    ;;
  *)
    echo "usage: $0 start|stop <dir>" >&2
    exit 2
    ;;
esac

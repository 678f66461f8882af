# A throw-away PostgreSQL server on a private port, for the tests (.ci/run) and the benchmarks (Benchmarks/postgres.sh).
# Source it, then: pg_throwaway PORT DATABASE — starts the server, creates the database, exports WAIHU_PG_URL and stops the
# server (deleting its files) when the shell exits. As root the server runs as nobody (PostgreSQL refuses root).
pg_throwaway() {
  local port=$1 database=$2
  pg_bin=$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || echo /usr/lib/postgresql/15/bin/initdb)")")
  pg_dir=$(mktemp -d /tmp/waihu-pg.XXXXXX)
  chown -R nobody "$pg_dir" 2>/dev/null || true
  as_pg() { if [ "$(id -u)" = 0 ]; then su -s /bin/sh nobody -c "$*"; else sh -c "$*"; fi; }
  as_pg "$pg_bin/initdb -D $pg_dir/data -U waihu --auth=trust >/dev/null"
  as_pg "$pg_bin/pg_ctl -D $pg_dir/data -o '-p $port -k $pg_dir -c listen_addresses=127.0.0.1 ${PG_OPTIONS:-}' -l $pg_dir/log -w start >/dev/null"
  trap 'as_pg "$pg_bin/pg_ctl -D $pg_dir/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
  as_pg "$pg_bin/createdb -h 127.0.0.1 -p $port -U waihu $database"
  export WAIHU_PG_URL="postgres://waihu@127.0.0.1:$port/$database?sslmode=disable"
}

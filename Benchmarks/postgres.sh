#!/usr/bin/env bash
# Runs a benchmark on PostgreSQL: builds it in release mode, starts a throw-away server (scripts/pg/throwaway.sh), gives
# the benchmark an empty database of its own with --database, and stops the server afterwards.
# usage: Benchmarks/postgres.sh NAME [ARGUMENTS...]   e.g. Benchmarks/postgres.sh ReservationBenchmark 10000000 2000
# The server is set as a database server of this size would be (a quarter of the memory for its buffers, checkpoints
# apart); PG_OPTIONS replaces those settings, e.g. PG_OPTIONS='-c shared_buffers=128MB' for PostgreSQL's defaults.
set -euo pipefail
export PG_OPTIONS=${PG_OPTIONS:--c shared_buffers=4GB -c max_wal_size=8GB -c checkpoint_timeout=30min}
cd "$(dirname "$0")/.."
name=$1
shift
swift build -c release --product "$name" >/dev/null
. scripts/pg/throwaway.sh
pg_throwaway 55433 waihu_bench
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:55433 (throw-away)"
".build/release/$name" "$@" --database "$WAIHU_PG_URL"

#!/usr/bin/env bash
# Runs a benchmark on PostgreSQL: builds it in release mode, starts a throw-away server (scripts/pg/throwaway.sh), gives
# the benchmark an empty database of its own with --database, and stops the server afterwards.
# usage: Benchmarks/postgres.sh NAME [ARGUMENTS...]   e.g. Benchmarks/postgres.sh ReservationBenchmark 10000000 2000
# PG_OPTIONS passes settings to the server, e.g. PG_OPTIONS='-c shared_buffers=1GB -c synchronous_commit=off'.
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1
shift
swift build -c release --product "$name" >/dev/null
. scripts/pg/throwaway.sh
pg_throwaway 55433 waihu_bench
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:55433 (throw-away)"
".build/release/$name" "$@" --database "$WAIHU_PG_URL"

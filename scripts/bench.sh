#!/usr/bin/env bash
# Benchmark of the MLOps maturity backend plugin (`yarn bench`): a full and an unchanged second
# assessment of 10,000 synthetic ML services, database size, and 20 concurrent clients on three
# read routes, on SQLite and on PostgreSQL. Prints a table per database and writes
# artifacts/bench/<database id>.json. The test file is
# plugins/mlops-maturity-backend/src/bench/bench.test.ts, skipped unless MLOPS_BENCH=1.
# MLOPS_BENCH_SECONDS (default 30) sets the seconds of load per route.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/postgres.sh"
cd "$MLOPS_ROOT"
ensure_install
ensure_postgres
mkdir -p artifacts/bench
MLOPS_BENCH=1 CI=true yarn workspace @mlops-maturity/plugin-mlops-maturity-backend \
  backstage-cli package test src/bench/ --testTimeout=1800000

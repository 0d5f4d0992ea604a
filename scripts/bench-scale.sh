#!/usr/bin/env bash
# Scale benchmark on PostgreSQL: a full run over MLOPS_BENCH_SCALE_SIZES declared-only ML
# services (default "25000 100000"), each size in a process of its own so that each peak of
# resident memory is its own, then MLOPS_BENCH_LOAD_CLIENTS (default 200) concurrent clients on
# every read route for MLOPS_BENCH_LOAD_SECONDS (default 60) over the largest estate. The test
# file is plugins/mlops-maturity-backend/src/bench/scale.bench.test.ts; results go to
# artifacts/bench/scale-<count>.json.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/postgres.sh"
cd "$MLOPS_ROOT"
ensure_install
ensure_postgres
mkdir -p artifacts/bench
read -r -a sizes <<<"${MLOPS_BENCH_SCALE_SIZES:-25000 100000}"
last="${sizes[${#sizes[@]} - 1]}"
for size in "${sizes[@]}"; do
  clients=0
  [ "$size" = "$last" ] && clients="${MLOPS_BENCH_LOAD_CLIENTS:-200}"
  # --expose-gc: the benchmark tells the heap the run keeps alive from garbage not yet collected.
  NODE_OPTIONS="${NODE_OPTIONS:-} --expose-gc" \
    MLOPS_BENCH=1 MLOPS_BENCH_SCALE_ENTITIES="$size" MLOPS_BENCH_LOAD_CLIENTS="$clients" CI=true \
    yarn workspace @mlops-maturity/plugin-mlops-maturity-backend \
    backstage-cli package test src/bench/scale --testTimeout=3600000
done

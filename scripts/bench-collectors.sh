#!/usr/bin/env bash
# Collector benchmark: real MLflow with MLOPS_BENCH_MODELS models and Airflow 3 with
# MLOPS_BENCH_DAGS DAGs (default 10,000 each), then as many ML services assessed against them.
# Seeding takes several minutes; results go to artifacts/bench/collectors.json.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/tools.sh"
cd "$MLOPS_ROOT"
export MLOPS_TOOLS_RUN="$MLOPS_ROOT/data/bench-tools"
export MLOPS_BENCH_MODELS="${MLOPS_BENCH_MODELS:-10000}" MLOPS_BENCH_DAGS="${MLOPS_BENCH_DAGS:-10000}"
export MLOPS_BENCH_ENTITIES="${MLOPS_BENCH_ENTITIES:-$MLOPS_BENCH_MODELS}"
export MLOPS_MLFLOW_PORT="${MLOPS_MLFLOW_PORT:-55155}" MLOPS_AIRFLOW_PORT="${MLOPS_AIRFLOW_PORT:-58185}"
ensure_install
trap stop_tools EXIT
time start_mlflow bench
time start_airflow bench
MLOPS_BENCH=1 CI=true yarn workspace @mlops-maturity/plugin-mlops-maturity-backend \
  backstage-cli package test src/bench/collectors --testTimeout=3600000

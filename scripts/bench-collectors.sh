#!/usr/bin/env bash
# Collector benchmark: real MLflow with MLOPS_BENCH_MODELS models and Airflow 3 with
# MLOPS_BENCH_DAGS DAGs (default 10,000 each) with two weeks of daily runs, then as many ML
# services assessed against them, stored in PostgreSQL (started here, as in bench-scale.sh).
# Both start and seed at once; seeding takes several minutes (a store seeded with as many models
# is reused from MLOPS_TOOLS_RUN, default data/bench-tools). Results go to
# artifacts/bench/collectors.json.
set -euo pipefail
source "$(dirname "$0")/env.sh"
export MLOPS_TOOLS_RUN="${MLOPS_TOOLS_RUN:-$MLOPS_ROOT/data/bench-tools}"
source "$(dirname "$0")/tools.sh"
source "$(dirname "$0")/postgres.sh"
cd "$MLOPS_ROOT"
export MLOPS_BENCH_MODELS="${MLOPS_BENCH_MODELS:-10000}" MLOPS_BENCH_DAGS="${MLOPS_BENCH_DAGS:-10000}"
export MLOPS_BENCH_ENTITIES="${MLOPS_BENCH_ENTITIES:-$MLOPS_BENCH_MODELS}"
export MLOPS_MLFLOW_PORT="${MLOPS_MLFLOW_PORT:-55155}" MLOPS_AIRFLOW_PORT="${MLOPS_AIRFLOW_PORT:-58185}"
ensure_install
ensure_postgres
trap stop_tools EXIT
start_tools_in_background "mlflow:start_mlflow bench" "airflow:start_airflow bench"
time wait_for_tools
# The DAGs' history: MLOPS_BENCH_RUN_DAYS (default 14) daily scheduled runs each.
AIRFLOW_HOME="$MLOPS_TOOLS_RUN/airflow" "$MLOPS_ROOT/.tools/venvs/airflow/bin/python" \
  integration/bench/seed_airflow_runs.py "$MLOPS_BENCH_DAGS" "${MLOPS_BENCH_RUN_DAYS:-14}"
MLOPS_BENCH=1 CI=true yarn workspace @mlops-maturity/plugin-mlops-maturity-backend \
  backstage-cli package test src/bench/collectors --testTimeout=3600000

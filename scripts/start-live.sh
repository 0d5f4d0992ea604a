#!/usr/bin/env bash
# The app with live evidence: starts real MLflow (port 5000) and Airflow 3 (port 8080) from
# PyPI on 127.0.0.1, seeded with a model and a training DAG for each demo ML service that names
# one, then starts the app as scripts/start.sh does, configured to ask them. Stops them on exit.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/tools.sh"
cd "$MLOPS_ROOT"
export MLOPS_TOOLS_RUN="$MLOPS_ROOT/data/tools"
export MLOPS_MLFLOW_PORT="${MLOPS_MLFLOW_PORT:-5000}" MLOPS_AIRFLOW_PORT="${MLOPS_AIRFLOW_PORT:-8080}"
ensure_install
trap stop_tools EXIT
trap 'exit 130' INT TERM
start_mlflow demo
start_airflow demo
echo "MLflow: $MLOPS_MLFLOW_URL   Airflow: $MLOPS_AIRFLOW_URL (admin/admin)"
yarn start --config "$MLOPS_ROOT/app-config.yaml" --config "$MLOPS_ROOT/app-config.live.yaml" "$@"

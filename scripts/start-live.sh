#!/usr/bin/env bash
# The app with live evidence: starts real MLflow (port 5000), Airflow 3 (port 8080), Dagster,
# Prometheus, Evidently, Feast and moto (standing in for SageMaker) from PyPI and Debian on
# 127.0.0.1, a replayed Kubernetes API server and the demo's Git host, all seeded for the demo
# catalog's ML services, then the app as scripts/start.sh does, configured to ask them
# (app-config.live.yaml). Stops them on exit. Several demo services reach verified level 4.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/tools.sh"
cd "$MLOPS_ROOT"
export MLOPS_TOOLS_RUN="$MLOPS_ROOT/data/tools"
export MLOPS_MLFLOW_PORT="${MLOPS_MLFLOW_PORT:-5000}" MLOPS_AIRFLOW_PORT="${MLOPS_AIRFLOW_PORT:-8080}"
ensure_install
trap stop_tools EXIT
trap 'exit 130' INT TERM
SECONDS=0
start_tools_in_background "mlflow:start_mlflow demo" "airflow:start_airflow demo" \
  "dagster:start_dagster demo" "prometheus:start_prometheus demo" "evidently:start_evidently demo" \
  "feast:start_feast demo" "moto:start_moto demo" "kubernetes:start_kube_replay demo" \
  demo-repos:ensure_demo_repos
wait_for_tools
echo "The tools are up and seeded after $SECONDS s:"
echo "  MLflow $MLOPS_MLFLOW_URL   Airflow $MLOPS_AIRFLOW_URL (admin/admin)   Dagster $MLOPS_DAGSTER_URL"
echo "  Prometheus $MLOPS_PROMETHEUS_URL   Evidently $MLOPS_EVIDENTLY_URL   Feast $MLOPS_FEAST_UI_URL"
echo "  moto (SageMaker) $MLOPS_MOTO_URL   Kubernetes (replayed) $MLOPS_KUBE_URL"
yarn start --config "$MLOPS_ROOT/app-config.yaml" --config "$MLOPS_ROOT/app-config.live.yaml" "$@"

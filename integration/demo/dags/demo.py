"""A training DAG for every demo ML service that names one; services that retrain on drift are
triggered by an asset from their own monitoring DAG."""
import sys
import os
from datetime import timedelta

import pendulum
from airflow.sdk import Asset, dag, task

sys.path.insert(0, os.environ.get("MLOPS_DEMO_DIR", os.path.dirname(__file__)))
from demo_services import annotation, services  # noqa: E402

RECENT = pendulum.now("UTC").subtract(days=3).start_of("day")
# On a loaded machine a task's start call to the API server can time out, and Airflow then fails
# the attempt before it ran ("task state changed externally"); another attempt runs it.
RETRIES = {"retries": 3, "retry_delay": timedelta(seconds=5)}


def training(dag_id, schedule):
    @dag(dag_id=dag_id, schedule=schedule, start_date=RECENT, catchup=False, tags=["training"], default_args=RETRIES)
    def pipeline():
        @task
        def train():
            return 1

        train()

    return pipeline()


def monitor(dag_id, asset):
    @dag(dag_id=dag_id, schedule="@daily", start_date=RECENT, catchup=False, tags=["monitoring"], default_args=RETRIES)
    def watch():
        @task(outlets=[asset])
        def detect_drift():
            return {"psi": 0.3}

        detect_drift()

    return watch()


for service in services():
    dag_id = annotation(service, "airflow.apache.org/dag-id")
    if not dag_id:
        continue
    cadence = (service["metadata"].get("annotations") or {}).get("mlops-maturity.io/retrain-cadence")
    if cadence == "on-drift":
        drift = Asset(f"drift://{dag_id}")
        monitor(f"monitor_{dag_id}", drift)
        training(dag_id, [drift])
    else:
        training(dag_id, "@daily")

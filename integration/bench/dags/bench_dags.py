"""MLOPS_BENCH_DAGS scheduled DAGs (bench_dag_0 …) for the collector benchmark. They start in
2030, so the scheduler parses and lists them but runs none."""
import os

import pendulum
from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

FUTURE = pendulum.datetime(2030, 1, 1, tz="UTC")

for i in range(int(os.environ.get("MLOPS_BENCH_DAGS", "0"))):
    with DAG(dag_id=f"bench_dag_{i}", schedule="@daily", start_date=FUTURE, catchup=False) as d:
        EmptyOperator(task_id="train")
    globals()[f"bench_dag_{i}"] = d

"""Sixty scheduled DAGs (fleet_0 …) for the test that counts the collector's requests for many
DAGs. They start in 2030, so the scheduler lists them and runs none. Airflow 3 and 2."""
import pendulum

try:
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.empty import EmptyOperator
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.operators.empty import EmptyOperator

FUTURE = pendulum.datetime(2030, 1, 1, tz="UTC")

# With the scenarios, fewer than 100 DAGs: seed.py reads one page of them.
for i in range(60):
    with DAG(
        dag_id=f"fleet_{i}",
        schedule="@daily",
        start_date=FUTURE,
        catchup=False,
        is_paused_upon_creation=False,
        tags=["fleet"],
    ) as fleet_dag:
        EmptyOperator(task_id="train")
    globals()[fleet_dag.dag_id] = fleet_dag

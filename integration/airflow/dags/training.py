"""DAG scenarios for the Airflow integration tests: one per way a training pipeline can look.
The same file runs on Airflow 3 (task SDK, assets) and Airflow 2 (decorators, datasets)."""
from datetime import timedelta

import pendulum

try:
    from airflow.sdk import DAG, Asset, dag, task
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.datasets import Dataset as Asset
    from airflow.decorators import dag, task

DRIFT = Asset("drift://churn")
RECENT = pendulum.now("UTC").subtract(days=3).start_of("day")
# On a loaded machine (CI starts every tool beside the type check) Airflow 3 can fail a task's
# attempt before it runs, when the API server answers the task's start call late ("task state
# changed externally"); the scenarios meant to succeed get other attempts.
RETRIES = {"retries": 3, "retry_delay": timedelta(seconds=5)}


@dag(
    dag_id="train_scheduled_ok",
    schedule="@daily",
    start_date=RECENT,
    catchup=False,
    default_args=RETRIES,
    tags=["training"],
)
def train_scheduled_ok():
    @task
    def train():
        return 1

    train()


@dag(
    dag_id="train_paused",
    schedule="@daily",
    start_date=RECENT,
    catchup=False,
    is_paused_upon_creation=True,
    tags=["training"],
)
def train_paused():
    @task
    def train():
        return 1

    train()


with DAG(
    dag_id="train_manual_only",
    schedule=None,
    start_date=RECENT,
    catchup=False,
    default_args=RETRIES,
    tags=["training"],
):

    @task
    def train_by_hand():
        return 1

    train_by_hand()


@dag(
    dag_id="train_failing",
    schedule="@daily",
    start_date=RECENT,
    catchup=False,
    default_args={"retries": 0},
    tags=["training"],
)
def train_failing():
    @task
    def train():
        raise RuntimeError("training data missing")

    train()


@dag(
    dag_id="drift_monitor",
    schedule="@daily",
    start_date=RECENT,
    catchup=False,
    default_args=RETRIES,
    tags=["monitoring"],
)
def drift_monitor():
    @task(outlets=[DRIFT])
    def detect_drift():
        return {"psi": 0.31}

    detect_drift()


@dag(
    dag_id="train_on_drift",
    schedule=[DRIFT],
    start_date=RECENT,
    catchup=False,
    default_args=RETRIES,
    tags=["training"],
)
def train_on_drift():
    @task
    def retrain():
        return 1

    retrain()


train_scheduled_ok()
train_paused()
train_failing()
drift_monitor()
train_on_drift()

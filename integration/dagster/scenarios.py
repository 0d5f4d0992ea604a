"""Code location for the Dagster integration tests (location "scenarios", repository "ml"): one
training job per way a training pipeline can look, with the schedules and sensors that start
them. integration/dagster/seed.py runs them the way the daemon would."""
from datetime import datetime, timezone

from dagster import (
    AssetKey,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    Field,
    RunRequest,
    ScheduleDefinition,
    asset,
    asset_sensor,
    define_asset_job,
    job,
    op,
    repository,
    schedule,
    sensor,
)


@op(config_schema={"rows": Field(int, default_value=1000)})
def train(context):
    if context.op_config["rows"] == 0:
        raise RuntimeError("training data missing")
    return context.op_config["rows"]


@job
def train_scheduled_ok():
    train()


@job
def train_failing():
    train()


@job
def train_manual_only():
    train()


@job
def train_stopped():
    train()


@job
def train_never_run():
    train()


@job
def train_on_drift():
    train()


@job
def train_on_new_data():
    train()


# The monitoring asset: a drift report in the "monitoring" group. Its key says nothing of
# drift, so only its group makes it a monitoring asset.
@asset(key=["churn", "psi_report"], group_name="monitoring")
def psi_report():
    return {"psi": 0.31}


@asset(key=["raw", "orders"], group_name="ingestion")
def orders():
    return [1, 2, 3]


monitor_churn = define_asset_job("monitor_churn", selection=[psi_report])
ingest_orders = define_asset_job("ingest_orders", selection=[orders])


@asset_sensor(
    asset_key=AssetKey(["churn", "psi_report"]),
    job=train_on_drift,
    default_status=DefaultSensorStatus.RUNNING,
)
def churn_drift_sensor(context, event):
    return RunRequest(run_key=context.cursor, tags={"trigger": "drift"})


@asset_sensor(
    asset_key=AssetKey(["raw", "orders"]),
    job=train_on_new_data,
    default_status=DefaultSensorStatus.RUNNING,
)
def new_orders_sensor(context, event):
    return RunRequest(run_key=context.cursor)


@sensor(job=train_on_new_data)
def new_files_sensor():
    # A standard sensor, stopped, that watches no asset.
    return None


# Stopped in code; seed.py starts it through the GraphQL API, as a person would in the UI.
@schedule(name="train_failing_daily", job=train_failing, cron_schedule="0 4 * * *")
def train_failing_daily(context):
    # Yesterday's data arrived; today's did not, so the latest scheduled run fails.
    today = context.scheduled_execution_time.date() >= datetime.now(timezone.utc).date()
    return RunRequest(run_config={"ops": {"train": {"config": {"rows": 0 if today else 1000}}}})


schedules = [
    ScheduleDefinition(
        name="train_scheduled_ok_daily",
        job=train_scheduled_ok,
        cron_schedule="0 3 * * *",
        default_status=DefaultScheduleStatus.RUNNING,
    ),
    train_failing_daily,
    # It ran while it was running; then someone stopped it.
    ScheduleDefinition(name="train_stopped_daily", job=train_stopped, cron_schedule="0 5 * * *"),
    ScheduleDefinition(
        name="train_never_run_weekly",
        job=train_never_run,
        cron_schedule="0 6 * * 1",
        default_status=DefaultScheduleStatus.RUNNING,
    ),
]


@repository
def ml():
    return [
        train_scheduled_ok,
        train_failing,
        train_manual_only,
        train_stopped,
        train_never_run,
        train_on_drift,
        train_on_new_data,
        psi_report,
        orders,
        monitor_churn,
        ingest_orders,
        churn_drift_sensor,
        new_orders_sensor,
        new_files_sensor,
        *schedules,
    ]

"""Code location for the live demo: a training job for every demo ML service whose
`dagster.io/job` annotation names one (examples/ml-services.yaml), in the repository and location
it names. A service that retrains on drift gets a monitoring asset and an asset sensor on it;
any other a running daily schedule. The workspace (workspace.py demo) loads one location per
location named, selecting its repository by attribute."""
import os
import sys

from dagster import (
    AssetKey,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    ScheduleDefinition,
    asset,
    asset_sensor,
    define_asset_job,
    job,
    op,
    repository,
)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from workspace import demo_jobs  # noqa: E402


def _training_job(name):
    @op(name=f"{name}_train")
    def train():
        return 1

    @job(name=name)
    def training():
        train()

    return training


def _drift_definitions(name, training):
    key = AssetKey(["monitoring", f"{name}_drift"])

    @asset(key=key, group_name="monitoring")
    def drift_report():
        return {"psi": 0.31}

    @asset_sensor(
        name=f"{name}_drift_sensor",
        asset_key=key,
        job=training,
        default_status=DefaultSensorStatus.RUNNING,
    )
    def drift_sensor(context, event):
        return RunRequest(run_key=context.cursor, tags={"trigger": "drift"})

    return [drift_report, define_asset_job(f"monitor_{name}", selection=[key]), drift_sensor]


def _repositories():
    definitions = {}
    for j in demo_jobs():
        training = _training_job(j.job)
        defs = definitions.setdefault(j.repository, [])
        defs.append(training)
        if j.on_drift:
            defs.extend(_drift_definitions(j.job, training))
        else:
            defs.append(
                ScheduleDefinition(
                    name=f"{j.job}_daily",
                    job=training,
                    cron_schedule="0 3 * * *",
                    default_status=DefaultScheduleStatus.RUNNING,
                )
            )
    return {name: repository(name=name)(lambda defs=defs: defs) for name, defs in definitions.items()}


REPOSITORIES = _repositories()
globals().update(REPOSITORIES)

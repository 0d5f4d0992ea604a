"""Seeds the Dagster instance in DAGSTER_HOME the way its daemon would, in seconds instead of
waiting for ticks: evaluates the code location's own schedules and sensors (so runs carry the tags
the scheduler and sensor daemon give them, `dagster/schedule_name` and `dagster/sensor_name`),
executes the runs they request against the instance, then starts through the webserver's GraphQL
API the schedules that a person starts in the UI, and waits until the webserver shows every run.

Creates the instance's storage first and then the file DAGSTER_HOME/storage-ready, after which
the webserver may start beside it.

usage: DAGSTER_HOME=... python seed.py scenarios|demo WEBSERVER_URL SEED_JSON
"""
import importlib.util
import json
import os
import sys
import time
import urllib.request
from datetime import datetime, timedelta, timezone

from dagster import DagsterInstance, __version__, build_schedule_context, build_sensor_context
from dagster._core.storage.tags import SCHEDULED_EXECUTION_TIME_TAG

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from workspace import demo_jobs  # noqa: E402

mode, url, seed_json = sys.argv[1:4]
instance = DagsterInstance.get()
# The storages create their SQLite tables when first opened; the webserver would race to create
# them too, so it starts only once this file exists.
instance.get_runs(limit=1)
instance.all_instigator_state()
instance.event_log_storage.get_asset_records()
with open(os.path.join(os.environ["DAGSTER_HOME"], "storage-ready"), "w"):
    pass
NOW = datetime.now(timezone.utc)
runs = []


def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def execute(repo, job_name, run_config=None, tags=None):
    result = repo.get_job(job_name).execute_in_process(
        run_config=run_config or {}, instance=instance, tags=tags or {}, raise_on_error=False
    )
    runs.append({"job": job_name, "runId": result.run_id, "success": result.success, "tags": tags or {}})
    return result


def tick_schedule(repo, name, when):
    """One tick of the schedule at `when`, as the scheduler evaluates and launches it."""
    schedule = repo.get_schedule_def(name)
    with build_schedule_context(instance=instance, scheduled_execution_time=when) as context:
        data = schedule.evaluate_tick(context)
    for request in data.run_requests or []:
        tags = {**request.tags, SCHEDULED_EXECUTION_TIME_TAG: when.isoformat()}
        execute(repo, schedule.job_name, request.run_config, tags)


def tick_sensor(repo, name):
    """One tick of the sensor; an asset sensor requests a run for each new materialization."""
    sensor = repo.get_sensor_def(name)
    context = build_sensor_context(instance=instance, repository_def=repo)
    data = sensor.evaluate_tick(context)
    if not data.run_requests:
        raise SystemExit(f"sensor {name} requested no run")
    for request in data.run_requests:
        execute(repo, request.job_name or sensor.job_name, request.run_config, request.tags)


def graphql(query, variables=None):
    req = urllib.request.Request(
        url + "/graphql",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as res:
        answer = json.loads(res.read())
    if answer.get("errors"):
        raise SystemExit(f"GraphQL errors: {answer['errors']}")
    return answer["data"]


# Deadlines for a hung server, not time budgets: CI starts every tool at once on a busy machine.
def wait_for_locations(deadline=600):
    """The webserver answers before its code servers have loaded the locations."""
    query = "{ workspaceOrError { ... on Workspace { locationEntries { name loadStatus locationOrLoadError { __typename ... on PythonError { message } } } } } }"
    end = time.time() + deadline
    while time.time() < end:
        try:
            entries = graphql(query)["workspaceOrError"]["locationEntries"]
            if entries and all(e["loadStatus"] == "LOADED" for e in entries):
                errors = [e for e in entries if e["locationOrLoadError"]["__typename"] != "RepositoryLocation"]
                if errors:
                    raise SystemExit(f"code locations failed to load: {errors}")
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"{url} did not load its code locations within {deadline} s")


def start_schedule(location, repository, name):
    answer = graphql(
        """mutation Start($selector: ScheduleSelector!) {
          startSchedule(scheduleSelector: $selector) {
            __typename
            ... on ScheduleStateResult { scheduleState { status } }
            ... on PythonError { message }
          }
        }""",
        {"selector": {"repositoryLocationName": location, "repositoryName": repository, "scheduleName": name}},
    )["startSchedule"]
    if answer["__typename"] != "ScheduleStateResult":
        raise SystemExit(f"could not start schedule {name}: {answer}")


def seed_scenarios():
    repo = load("scenarios").ml
    yesterday = NOW - timedelta(days=1)
    tick_schedule(repo, "train_scheduled_ok_daily", yesterday)
    tick_schedule(repo, "train_failing_daily", yesterday)
    tick_schedule(repo, "train_failing_daily", NOW)
    tick_schedule(repo, "train_stopped_daily", yesterday)
    execute(repo, "train_manual_only")
    # The monitoring job writes the drift report; the asset sensor on it starts retraining.
    execute(repo, "monitor_churn")
    tick_sensor(repo, "churn_drift_sensor")
    execute(repo, "ingest_orders")
    tick_sensor(repo, "new_orders_sensor")
    wait_for_locations()
    start_schedule("scenarios", "ml", "train_failing_daily")


def seed_demo():
    demo = load("demo")
    for j in demo_jobs():
        repo = demo.REPOSITORIES[j.repository]
        if j.on_drift:
            execute(repo, f"monitor_{j.job}")
            tick_sensor(repo, f"{j.job}_drift_sensor")
        else:
            tick_schedule(repo, f"{j.job}_daily", NOW - timedelta(days=1))
    wait_for_locations()


def wait_for_runs(deadline=300):
    """Every run as the webserver answers it, so the tests never race the seed."""
    ids = [r["runId"] for r in runs]
    query = "query Runs($ids: [String]) { runsOrError(filter: {runIds: $ids}) { ... on Runs { results { runId status } } } }"
    end = time.time() + deadline
    while time.time() < end:
        results = graphql(query, {"ids": ids})["runsOrError"].get("results", [])
        if len(results) == len(ids) and all(r["status"] in ("SUCCESS", "FAILURE") for r in results):
            return
        time.sleep(0.25)
    raise SystemExit(f"the webserver did not show every seeded run within {deadline} s")


seed_scenarios() if mode == "scenarios" else seed_demo()
wait_for_runs()
with open(seed_json, "w") as f:
    json.dump({"runs": runs}, f, indent=2)
print(f"Dagster {__version__}, seeded {len(runs)} runs: " + ", ".join(f"{r['job']} {'ok' if r['success'] else 'failed'}" for r in runs))

"""Seeds a running MLflow server, through its own client, with the registry scenarios the
integration tests assert. Writes what it created to a JSON file (the client prints to stdout).

usage: python seed.py TRACKING_URI SQLITE_DB OUT_JSON
"""
import json
import sqlite3
import sys
import time
from datetime import datetime, timezone

from mlflow import MlflowClient
from mlflow.exceptions import RestException

uri, db, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
c = MlflowClient(tracking_uri=uri, registry_uri=uri)


def new_experiment(name):
    """Creates an experiment, or takes the one of that name: the client retries a request that
    answered slowly, and such a retry can find the experiment its first try created."""
    try:
        return c.create_experiment(name)
    except RestException as error:
        if error.error_code != "RESOURCE_ALREADY_EXISTS":
            raise
        return c.get_experiment_by_name(name).experiment_id


experiment = new_experiment(f"mlops-maturity-seed-{int(time.time())}")
out = {"experiment_id": experiment}


def version(name, metrics=None, tags=None, experiment_id=None):
    """A run (with metrics) and a READY model version pointing at it."""
    run = c.create_run(experiment_id or experiment, run_name=f"{name}-train")
    for key, value in (metrics or {}).items():
        c.log_metric(run.info.run_id, key, value)
    c.set_terminated(run.info.run_id, "FINISHED")
    return c.create_model_version(
        name, source=f"{run.info.artifact_uri}/model", run_id=run.info.run_id, tags=tags
    )


# No versions at all.
c.create_registered_model("empty-model")

# One READY version with metrics on its run.
c.create_registered_model("single-version-model")
version("single-version-model", {"accuracy": 0.81})

# A champion that passed validation against the previous version.
c.create_registered_model("churn-model")
version("churn-model", {"accuracy": 0.84})
champion = version(
    "churn-model",
    {"accuracy": 0.91, "f1": 0.79},
    {"validation_status": "passed", "compared_to_version": "1"},
)
version("churn-model", {"accuracy": 0.62}, {"validation_status": "failed", "compared_to_version": "2"})
c.set_registered_model_alias("churn-model", "champion", champion.version)

# A champion promoted by a pipeline.
c.create_registered_model("fraud-model")
promoted = version(
    "fraud-model",
    {"precision": 0.93},
    {"promoted_by": "pipeline", "promoted_at": datetime.now(timezone.utc).isoformat(timespec="seconds")},
)
c.set_registered_model_alias("fraud-model", "champion", promoted.version)

# A champion promoted by a person.
c.create_registered_model("pricing-model")
by_hand = version("pricing-model", {"mape": 0.12}, {"promoted_by": "alice"})
c.set_registered_model_alias("pricing-model", "champion", by_hand.version)

# A champion whose run logged no metrics.
c.create_registered_model("no-metrics-model")
bare = version("no-metrics-model")
c.set_registered_model_alias("no-metrics-model", "champion", bare.version)

# Champions whose metrics are on their runs only, each run in an experiment of its own, one of
# them deleted, and one run deleted: the collector reads such runs in batches.
for i in range(6):
    name = f"batch-model-{i}"
    own = new_experiment(f"mlops-maturity-seed-{name}-{int(time.time())}")
    c.create_registered_model(name)
    v = version(name, {"auc": 0.8 + i / 100, "loss": 0.3}, experiment_id=own)
    c.set_registered_model_alias(name, "champion", v.version)
    if i == 4:
        c.delete_experiment(own)
    if i == 5:
        c.delete_run(v.run_id)

# Models whose timestamps or status the API cannot set: changed in the server's database.
c.create_registered_model("stale-model")
version("stale-model", {"accuracy": 0.7})
c.create_registered_model("failed-model")
version("failed-model", {"accuracy": 0.7})

stale_ms = int((time.time() - 400 * 86400) * 1000)
con = sqlite3.connect(db, timeout=30)
with con:
    con.execute(
        "UPDATE model_versions SET creation_time=?, last_updated_time=? WHERE name='stale-model'",
        (stale_ms, stale_ms),
    )
    con.execute(
        "UPDATE model_versions SET status='FAILED_REGISTRATION' WHERE name='failed-model'"
    )

with open(out_path, "w") as f:
    json.dump(out, f, indent=2)

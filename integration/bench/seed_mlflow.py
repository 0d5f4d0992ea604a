"""Seeds MLflow with N registered models (bench-model-0 …), each with one READY version whose
run has a metric and a champion alias. Through the client, over the server's API; with STORE_DB
(the server's SQLite store, mlflow.db), only the first ten are, and the others are copies of
bench-model-0's rows as MLflow wrote them (its run, metric, tag, version and alias), written in
one transaction: seeding 10,000 models through the API takes most of an hour on a busy machine,
copying them a few seconds. Models already seeded (with their alias) are kept, so an
interrupted seed resumes.

usage: python seed_mlflow.py TRACKING_URI N [STORE_DB]
"""
import sqlite3
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

uri, n = sys.argv[1], int(sys.argv[2])
store = sys.argv[3] if len(sys.argv) > 3 else None
through_client = min(n, 10) if store else n
c = MlflowClient(tracking_uri=uri, registry_uri=uri)
existing = c.get_experiment_by_name("bench")
experiment = existing.experiment_id if existing else c.create_experiment("bench")


def seed(i):
    name = f"bench-model-{i}"
    try:
        if "champion" in (c.get_registered_model(name).aliases or {}):
            return
    except MlflowException:
        c.create_registered_model(name)
    run = c.create_run(experiment)
    c.log_metric(run.info.run_id, "accuracy", 0.8)
    c.set_terminated(run.info.run_id, "FINISHED")
    version = c.create_model_version(name, source=f"{run.info.artifact_uri}/model", run_id=run.info.run_id)
    c.set_registered_model_alias(name, "champion", version.version)


with ThreadPoolExecutor(max_workers=8) as pool:
    for done, _ in enumerate(pool.map(seed, range(through_client)), start=1):
        if done % 1000 == 0:
            print(f"{done} models", flush=True)

if store:
    db = sqlite3.connect(store, timeout=60)
    template = "bench-model-0"
    (template_run,) = db.execute("select run_id from model_versions where name = ?", (template,)).fetchone()
    # Every row of the template model and of its run, by table and key column.
    keyed = [
        ("registered_models", "name", template),
        ("model_versions", "name", template),
        ("registered_model_aliases", "name", template),
        ("runs", "run_uuid", template_run),
        ("metrics", "run_uuid", template_run),
        ("latest_metrics", "run_uuid", template_run),
        ("tags", "run_uuid", template_run),
    ]
    rows = {table: db.execute(f"select * from {table} where {column} = ?", (key,)).fetchall() for table, column, key in keyed}
    seeded = {name for (name,) in db.execute("select name from registered_model_aliases where alias = 'champion'")}
    copied = 0
    with db:
        for i in range(through_client, n):
            name = f"bench-model-{i}"
            if name in seeded:
                continue
            # A model an interrupted seed left without its alias is made anew.
            for table in ("registered_model_aliases", "model_versions", "registered_models"):
                db.execute(f"delete from {table} where name = ?", (name,))
            run = uuid.uuid4().hex
            for table, table_rows in rows.items():
                for row in table_rows:
                    values = [
                        name if v == template else v.replace(template_run, run) if isinstance(v, str) else v
                        for v in row
                    ]
                    db.execute(f"insert into {table} values ({', '.join('?' * len(values))})", values)
            copied += 1
    print(f"{through_client} models through the client, {copied} copied", flush=True)

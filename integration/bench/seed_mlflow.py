"""Seeds MLflow with N registered models (bench-model-0 …), each with one READY version whose
run has a metric and a champion alias, through the client, in parallel threads.

usage: python seed_mlflow.py TRACKING_URI N
"""
import sys
from concurrent.futures import ThreadPoolExecutor

from mlflow import MlflowClient

uri, n = sys.argv[1], int(sys.argv[2])
c = MlflowClient(tracking_uri=uri, registry_uri=uri)
experiment = c.create_experiment("bench")


def seed(i):
    name = f"bench-model-{i}"
    c.create_registered_model(name)
    run = c.create_run(experiment)
    c.log_metric(run.info.run_id, "accuracy", 0.8)
    c.set_terminated(run.info.run_id, "FINISHED")
    version = c.create_model_version(name, source=f"{run.info.artifact_uri}/model", run_id=run.info.run_id)
    c.set_registered_model_alias(name, "champion", version.version)


with ThreadPoolExecutor(max_workers=8) as pool:
    for done, _ in enumerate(pool.map(seed, range(n)), start=1):
        if done % 1000 == 0:
            print(f"{done} models", flush=True)

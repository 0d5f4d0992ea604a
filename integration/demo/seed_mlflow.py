"""Seeds MLflow with a registered model for every demo ML service that names one, so that the
live demo verifies them: two versions with metrics, a champion alias, and the validation and
promotion tags the service's annotations claim.

usage: python seed_mlflow.py TRACKING_URI
"""
import sys

from mlflow import MlflowClient

from demo_services import annotation, services

c = MlflowClient(tracking_uri=sys.argv[1], registry_uri=sys.argv[1])
experiment = c.create_experiment("demo-training")

for service in services():
    name = annotation(service, "mlflow.org/registered-model")
    if not name:
        continue
    annotations = service["metadata"].get("annotations") or {}
    c.create_registered_model(name)
    versions = []
    for i, accuracy in enumerate([0.82, 0.88]):
        run = c.create_run(experiment, run_name=f"{name}-{i + 1}")
        c.log_metric(run.info.run_id, "accuracy", accuracy)
        c.log_metric(run.info.run_id, "auc", accuracy + 0.05)
        c.set_terminated(run.info.run_id, "FINISHED")
        tags = {}
        if "mlops-maturity.io/quality-gate" in annotations:
            tags["validation_status"] = "passed"
            if i > 0:
                tags["compared_to_version"] = str(i)
        if annotations.get("mlops-maturity.io/promotion") == "automatic" and i > 0:
            tags["promoted_by"] = "pipeline"
        versions.append(
            c.create_model_version(name, source=f"{run.info.artifact_uri}/model", run_id=run.info.run_id, tags=tags)
        )
    c.set_registered_model_alias(name, "champion", versions[-1].version)
    print(f"seeded {name}")

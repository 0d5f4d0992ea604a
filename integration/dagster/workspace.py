"""The Dagster workspace of the integration tests or the demo, and the demo's jobs.

usage: python workspace.py scenarios|demo > workspace.yaml

The scenarios are one location, "scenarios", with repository "ml" (scenarios.py). The demo has a
location for every location that a `dagster.io/job` annotation of examples/ml-services.yaml
names (MLOPS_DEMO_SERVICES overrides the file), each loading its repositories from demo.py.
"""
import os
import sys
from collections import namedtuple

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SERVICES = os.environ.get(
    "MLOPS_DEMO_SERVICES", os.path.join(HERE, "..", "..", "examples", "ml-services.yaml")
)

DemoJob = namedtuple("DemoJob", "service location repository job on_drift")


def demo_jobs():
    """The training job of every demo service that names one in `dagster.io/job`."""
    with open(SERVICES) as f:
        documents = [d for d in yaml.safe_load_all(f) if d and d.get("kind") == "Component"]
    jobs = []
    for service in documents:
        annotations = service["metadata"].get("annotations") or {}
        for value in str(annotations.get("dagster.io/job", "")).split(","):
            parts = value.strip().split(":")
            if len(parts) not in (3, 4):
                continue
            location, repository, job = parts[-3:]
            on_drift = annotations.get("mlops-maturity.io/retrain-cadence") == "on-drift"
            jobs.append(DemoJob(service["metadata"]["name"], location, repository, job, on_drift))
    return jobs


def workspace(mode):
    if mode == "scenarios":
        entries = [{"python_file": {"relative_path": os.path.join(HERE, "scenarios.py"), "location_name": "scenarios"}}]
    else:
        repositories = {}
        for j in demo_jobs():
            repositories.setdefault(j.location, set()).add(j.repository)
        entries = []
        for location, names in sorted(repositories.items()):
            entry = {"relative_path": os.path.join(HERE, "demo.py"), "location_name": location}
            if len(names) == 1:
                entry["attribute"] = next(iter(names))
            entries.append({"python_file": entry})
    return {"load_from": entries}


if __name__ == "__main__":
    yaml.safe_dump(workspace(sys.argv[1]), sys.stdout, sort_keys=False)

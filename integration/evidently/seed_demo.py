"""Seeds a running `evidently ui` for the live demo, through Evidently's own client: every demo
service (examples/ml-services.yaml) whose evidentlyai.com/project-id names a project of the
instance "prod" (or no instance: the first configured, "prod" in the demo) gets that project
with drift and quality reports of the last two days and, when the service declares a quality
dashboard, a dashboard of prediction quality beside drift and volume; otherwise drift
reports only, as pricing-markdown-optimizer's catalog entry says ("drift monitoring only").

usage: python seed_demo.py URL SECRET [SERVICES_YAML]
"""
import os
import sys
import time

import yaml

from reports import DRIFT_AND_CLASSIFICATION, DRIFT_ONLY, add_snapshots, quality_dashboard, workspace

KEY = "evidentlyai.com/project-id"
DASHBOARD_KEYS = ("mlops-maturity.io/quality-dashboard", "grafana/dashboard-selector")

url, secret = sys.argv[1:3]
services_yaml = (
    sys.argv[3]
    if len(sys.argv) > 3
    else os.path.join(os.path.dirname(__file__), "..", "..", "examples", "ml-services.yaml")
)
with open(services_yaml) as f:
    services = [d for d in yaml.safe_load_all(f) if d and d.get("kind") == "Component"]

ws = workspace(url, secret)
started = time.time()
seeded = []
for service in services:
    annotations = service["metadata"].get("annotations") or {}
    for reference in filter(None, (r.strip() for r in annotations.get(KEY, "").split(","))):
        instance, _, name = reference.rpartition(":")
        if instance not in ("prod", ""):
            continue
        full = any(k in annotations for k in DASHBOARD_KEYS)
        project = ws.create_project(name, description=f"Monitoring of {service['metadata']['name']}")
        add_snapshots(ws, project, DRIFT_AND_CLASSIFICATION if full else DRIFT_ONLY, [2, 1, 0.25])
        if full:
            quality_dashboard(ws, project)
        seeded.append(name if full else f"{name} (drift only)")
print(f"seeded {', '.join(seeded)} in {time.time() - started:.1f} s")

"""Reads the demo catalog (examples/ml-services.yaml) for the live-tools demo."""
import os

import yaml

EXAMPLES = os.environ.get(
    "MLOPS_DEMO_SERVICES",
    os.path.join(os.path.dirname(__file__), "..", "..", "examples", "ml-services.yaml"),
)


def services():
    with open(EXAMPLES) as f:
        return [d for d in yaml.safe_load_all(f) if d and d.get("kind") == "Component"]


def annotation(service, key):
    value = (service["metadata"].get("annotations") or {}).get(key, "")
    return value.split(":", 1)[1] if ":" in value else value

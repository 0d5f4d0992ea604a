"""The services the test exporter serves and the alerting rules Prometheus loads for them.

Test mode (the integration test's scenarios) and demo mode (one service per demo catalog entry
that declares serving logs) share the shapes: each service exports request and error counters
labelled service="<name>", and has an alerting rule <Pascal>HighErrorRate on them.
Standard library only, so that the exporter runs on any python3.
"""
import os
import re

# Services the exporter serves in test mode. stale-model and missing-model are not exported:
# stale-model's samples are backfilled 3 days into the past (stale_openmetrics), and
# missing-model has none at all.
SCENARIO_SERVICES = ["churn-model", "fraud-model", "broken-model", "alertless-model"]

EXAMPLES = os.environ.get(
    "MLOPS_DEMO_SERVICES",
    os.path.join(os.path.dirname(__file__), "..", "..", "examples", "ml-services.yaml"),
)

# Annotations that say a demo service has serving logs, so that Prometheus should prove it.
SERVING_KEYS = ("mlops-maturity.io/serving-logs:", "prometheus.io/rule:", "prometheus.io/alert:")


def demo_services(path=EXAMPLES):
    """Names of the demo catalog's components that declare serving logs or Prometheus series.

    The catalog is read line by line (documents split on ---, the first `  name:` of each), so
    that no YAML package is needed; examples/ml-services.yaml is written in that shape.
    """
    with open(path) as f:
        documents = re.split(r"^---\s*$", f.read(), flags=re.M)
    names = []
    for doc in documents:
        if not re.search(r"^kind:\s*Component\s*$", doc, flags=re.M):
            continue
        name = re.search(r"^  name:\s*'?([\w.-]+)'?\s*$", doc, flags=re.M)
        if name and any(key in doc for key in SERVING_KEYS):
            names.append(name.group(1))
    return names


def services(mode):
    return demo_services() if mode == "demo" else SCENARIO_SERVICES


def alert_name(service):
    """ChurnModelHighErrorRate for churn-model."""
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", service) if part) + "HighErrorRate"


def error_rate_rule(service):
    return (
        f"    - alert: {alert_name(service)}\n"
        f"      expr: sum(rate(http_request_errors_total{{service=\"{service}\"}}[1m]))"
        f" / sum(rate(http_requests_total{{service=\"{service}\"}}[1m])) > 0.5\n"
        "      for: 5m\n"
        f"      labels: {{severity: page, service: {service}}}\n"
        f"      annotations: {{summary: 'More than half of the requests to {service} fail'}}\n"
    )


def rules_yaml(mode):
    """The rules file: an error-rate alert per service; in test mode also a rule for the stale
    service, and one whose query fails at every evaluation (many-to-many matching), so that
    Prometheus reports its health as err."""
    names = services(mode)
    if mode != "demo":
        names = names + ["stale-model"]
    text = "groups:\n  - name: serving-errors\n    rules:\n"
    text += "".join(error_rate_rule(s) for s in names if s != "alertless-model")
    if mode != "demo":
        text += (
            "  - name: broken\n    rules:\n"
            "    - alert: BrokenModelErrors\n"
            '      expr: http_requests_total{service="broken-model"}'
            ' * on() http_requests_total{service="broken-model"}\n'
            "      labels: {severity: page, service: broken-model}\n"
        )
    return text


def prometheus_yaml(exporter_port, rules_path):
    return (
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        f"rule_files: ['{rules_path}']\n"
        "scrape_configs:\n  - job_name: ml-serving\n"
        f"    static_configs: [{{targets: ['127.0.0.1:{exporter_port}']}}]\n"
    )


def stale_openmetrics(now):
    """stale-model's requests, a sample a minute for an hour three days before `now`, in the
    OpenMetrics text that `promtool tsdb create-blocks-from openmetrics` backfills."""
    start = int(now) - 3 * 86400
    lines = ["# TYPE http_requests counter"]
    lines += [
        f'http_requests_total{{service="stale-model",code="200",job="ml-serving"}} {i * 60} {start + i * 60}'
        for i in range(60)
    ]
    return "\n".join(lines) + "\n# EOF\n"

"""What the Evidently seed scripts share: small reports of drift and prediction quality built
with Evidently's own Report API, dashboard panels built with its SDK, and a RemoteWorkspace
that waits for the `evidently ui` server it writes to.

Every snapshot gets an explicit UTC timestamp: the server cannot order a project's snapshots
when some carry a naive timestamp (Report.run's default) and others an aware one.
"""
import datetime
import time

import numpy as np
import pandas as pd
import requests
from evidently import BinaryClassification, DataDefinition, Dataset, Regression, Report
from evidently.core.report import Snapshot
from evidently.metrics import MAE, RMSE, Accuracy, DriftedColumnsCount, Precision, RowCount, ValueDrift
from evidently.sdk.models import DashboardModel, DashboardTabModel, PanelMetric
from evidently.sdk.panels import counter_panel, line_plot_panel, text_panel
from evidently.ui.workspace import RemoteWorkspace

ROWS = 80
_rng = np.random.default_rng(11)


def workspace(url, secret, wait_seconds=300):
    """A RemoteWorkspace on the server at `url`, once it answers: the seed's imports overlap
    the server's start, which takes minutes on a machine that starts every tool at once."""
    deadline = time.time() + wait_seconds
    while True:
        try:
            if requests.get(f"{url}/api/version", timeout=2).ok:
                break
        except requests.RequestException:
            pass
        if time.time() > deadline:
            raise SystemExit(f"Evidently at {url} did not answer within {wait_seconds} s")
        time.sleep(0.25)
    return RemoteWorkspace(url, secret=secret)


def days_ago(days):
    return datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days)


def _frame(shift):
    target = (_rng.random(ROWS) > 0.5).astype(int)
    flipped = _rng.random(ROWS) < 0.15
    amount = _rng.normal(100 + 40 * shift, 20, ROWS)
    return pd.DataFrame(
        {
            "amount": amount,
            "age": _rng.normal(40, 8, ROWS),
            "target": target,
            "prediction": np.where(flipped, 1 - target, target),
            "demand": amount * 0.5 + _rng.normal(0, 5, ROWS),
            "forecast": amount * 0.5 + _rng.normal(0, 7, ROWS),
        }
    )


_DEFINITION = DataDefinition(
    numerical_columns=["amount", "age", "demand", "forecast"],
    categorical_columns=["target", "prediction"],
    classification=[BinaryClassification(target="target", prediction_labels="prediction")],
    regression=[Regression(target="demand", prediction="forecast")],
)
_REFERENCE = Dataset.from_pandas(_frame(0), data_definition=_DEFINITION)


def _dataset(shift):
    return Dataset.from_pandas(_frame(shift), data_definition=_DEFINITION)


# What a team's scheduled monitoring job uploads: data and prediction drift (what the
# DataDriftPreset measures, DriftedColumnsCount and ValueDrift, here of the prediction and one
# feature: the preset's widgets for every column would cost seconds), quality, and volume.
DRIFT = [DriftedColumnsCount(), ValueDrift(column="prediction"), ValueDrift(column="amount")]
DRIFT_AND_CLASSIFICATION = DRIFT + [Accuracy(), Precision(), RowCount()]
DRIFT_ONLY = DRIFT + [RowCount()]
REGRESSION_ONLY = [MAE(), RMSE(), RowCount()]


# Computing a report takes a good share of a second, so each kind is computed for two
# batches of data once, and every snapshot of that kind reuses one of them at its own time.
BATCHES = 2
_computed = {}


def _snapshot(metrics, batch, timestamp, name):
    key = (id(metrics), batch % BATCHES)
    if key not in _computed:
        _computed[key] = (
            Report(metrics).run(_dataset(0.2 * (batch % BATCHES + 1)), _REFERENCE).to_snapshot_model()
        )
    return Snapshot.load_model(_computed[key].copy(update={"timestamp": timestamp, "name": name}))


def add_snapshots(ws, project, metrics, ages_days, name="monitoring"):
    """Uploads one snapshot of `metrics` for each age in days, oldest first; returns their ids."""
    ids = []
    for i, age in enumerate(ages_days):
        snapshot = _snapshot(metrics, i, days_ago(age), f"{name} {i + 1}")
        ids.append(str(ws.add_run(project.id, snapshot).id))
    return ids


def quality_dashboard(ws, project, quality=("Accuracy", "Precision")):
    """Panels of prediction quality beside drift and volume, as a monitoring dashboard has."""
    save_dashboard(
        ws,
        project,
        [
            text_panel("Model monitoring"),
            line_plot_panel("Prediction quality", [PanelMetric(metric=m, legend=m) for m in quality]),
            drift_panel(),
            counter_panel("Scored requests", [PanelMetric(metric="RowCount")]),
        ],
    )


def drift_panel():
    return counter_panel(
        "Drifted columns",
        [PanelMetric(metric="DriftedColumnsCount", metric_labels={"value_type": "count"})],
    )


def save_dashboard(ws, project, panels):
    """Saves the panels in one tab with one request (adding them one by one costs two each)."""
    tab = DashboardTabModel(title="General", panels=[p.id for p in panels])
    ws.save_dashboard(project.id, DashboardModel(tabs=[tab], panels=panels))

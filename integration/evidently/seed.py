"""Seeds a running `evidently ui` with the scenarios of the Evidently collector's integration
test (plugins/mlops-maturity-backend/src/collectors/evidently/), through Evidently's own client,
and writes the projects' and snapshots' ids to a JSON file.

usage: python seed.py URL SECRET SEED_JSON
"""
import json
import sys
import time

from reports import (
    DRIFT_AND_CLASSIFICATION,
    DRIFT_ONLY,
    REGRESSION_ONLY,
    add_snapshots,
    drift_panel,
    quality_dashboard,
    save_dashboard,
    workspace,
)

url, secret, out = sys.argv[1:4]
ws = workspace(url, secret)
started = time.time()
projects = {}
snapshots = {}


def project(name, description):
    p = ws.create_project(name, description=description)
    projects[name] = str(p.id)
    return p


# Drift and quality measured daily, on a dashboard of quality, drift and volume: both pass.
p = project("fresh-monitoring", "drift and quality measured yesterday, with a quality dashboard")
snapshots["fresh-monitoring"] = add_snapshots(ws, p, DRIFT_AND_CLASSIFICATION, [3, 2, 1])
quality_dashboard(ws, p)

# The same monitoring, stopped 40 days ago: both checks are older than their 14-day window.
p = project("stale-monitoring", "monitoring stopped 40 days ago")
snapshots["stale-monitoring"] = add_snapshots(ws, p, DRIFT_AND_CLASSIFICATION, [45, 40])
quality_dashboard(ws, p)

# Regression quality on a dashboard, but no drift metric in any snapshot.
p = project("no-drift-metric", "quality only: MAE and RMSE, no drift")
snapshots["no-drift-metric"] = add_snapshots(ws, p, REGRESSION_ONLY, [2, 1])
quality_dashboard(ws, p, quality=("MAE", "RMSE"))

# Drift measured, but the project's dashboard has no panels.
p = project("no-dashboard-panels", "drift measured, dashboard empty")
snapshots["no-dashboard-panels"] = add_snapshots(ws, p, DRIFT_AND_CLASSIFICATION, [1])

# Panels of drift only: nothing on the dashboard shows prediction quality.
p = project("drift-panels-only", "a dashboard of drift, none of quality")
snapshots["drift-panels-only"] = add_snapshots(ws, p, DRIFT_ONLY, [1])
save_dashboard(ws, p, [drift_panel()])

# Quality panels that no snapshot feeds: the reports carry drift, the panels RMSE.
p = project("unfed-quality-panels", "RMSE panels, but reports without RMSE")
snapshots["unfed-quality-panels"] = add_snapshots(ws, p, DRIFT_ONLY, [1])
quality_dashboard(ws, p, quality=("RMSE",))

# Two projects of one name: a reference by that name is ambiguous.
for description in ("the first twin", "the second twin"):
    ws.create_project("twin-project", description=description)

with open(out, "w") as f:
    json.dump({"projects": projects, "snapshots": snapshots}, f, indent=2)
print(
    f"seeded {len(projects) + 2} projects in {time.time() - started:.1f} s"
    f" ({time.process_time():.1f} s CPU with the imports)"
)

"""Seeds a running Airflow 3 through its REST API: triggers the manual-only DAG by hand, then
waits until every scenario has reached its final state.

usage: python seed.py BASE_URL USERNAME PASSWORD
"""
import json
import sys
import time
import urllib.error
import urllib.request

base, username, password = sys.argv[1:4]


def call(method, path, body=None, token=None):
    req = urllib.request.Request(
        base + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})},
    )
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.loads(res.read() or b"null")


token = call("POST", "/auth/token", {"username": username, "password": password})["access_token"]

expected = {
    "train_scheduled_ok": "success",
    "train_failing": "failed",
    "drift_monitor": "success",
    "train_on_drift": "success",
    "train_manual_only": "success",
}
deadline = time.time() + 240
triggered = False
while time.time() < deadline:
    dags = {d["dag_id"] for d in call("GET", "/api/v2/dags?limit=100", token=token)["dags"]}
    if not triggered and "train_manual_only" in dags:
        try:
            call("POST", "/api/v2/dags/train_manual_only/dagRuns", {"logical_date": None}, token)
            triggered = True
        except urllib.error.HTTPError as error:
            # A DAG can be listed a moment before it can be triggered; try again next round.
            print(f"trigger answered {error.code}; retrying", file=sys.stderr)
    states = {}
    for dag_id in expected:
        if dag_id in dags:
            runs = call("GET", f"/api/v2/dags/{dag_id}/dagRuns?order_by=-run_after&limit=5", token=token)["dag_runs"]
            states[dag_id] = [r["state"] for r in runs]
    if all(expected[d] in states.get(d, []) for d in expected):
        print(json.dumps(states))
        sys.exit(0)
    time.sleep(2)
print("scenarios not final in time:", json.dumps(states), file=sys.stderr)
sys.exit(1)

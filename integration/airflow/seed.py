"""Seeds a running Airflow through its REST API: unpauses the scenario DAGs (they are created
paused, so that no task runs before the API server that tasks report to answers), triggers the
manual-only DAG by hand, then waits until every scenario has reached its final state. API v2 with a token from /auth/token
(Airflow 3) or, with the argument v1, API v1 with HTTP Basic (Airflow 2).

usage: python seed.py BASE_URL USERNAME PASSWORD [v2|v1] [unpause]

With "unpause" (the demo's DAGs) it unpauses every DAG once the DAG file has been parsed and
waits until each has a successful run.
"""
import base64
import json
import sys
import time
import http.client
import urllib.request

base, username, password = sys.argv[1:4]
version = sys.argv[4] if len(sys.argv) > 4 else "v2"

# What a loaded API server may do instead of answering: time out, refuse or reset the connection
# (OSError, URLError included), close it or cut the answer short (HTTPException).
NO_ANSWER = (OSError, http.client.HTTPException)


def call(method, path, body=None, auth=None):
    req = urllib.request.Request(
        base + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", **({"Authorization": auth} if auth else {})},
    )
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.loads(res.read() or b"null")


def list_dags(auth):
    """Every DAG, page by page: the scenario Airflows answer at most 25 DAGs a page."""
    dags = []
    while True:
        page = call("GET", f"{api}/dags?limit=1000&offset={len(dags)}", auth=auth)
        dags += page["dags"]
        if not page["dags"] or len(dags) >= page["total_entries"]:
            return dags


if version == "v1":
    auth = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
    trigger_body, newest_first = {}, "-execution_date"
else:
    for attempt in range(5):
        try:
            token = call("POST", "/auth/token", {"username": username, "password": password})["access_token"]
            break
        except NO_ANSWER:
            if attempt == 4:
                raise
            time.sleep(2)
    auth = f"Bearer {token}"
    trigger_body, newest_first = {"logical_date": None}, "-run_after"
api = f"/api/{version}"

if len(sys.argv) > 5 and sys.argv[5] == "unpause":
    # One file defines every demo DAG, so they are listed together once it is parsed. The demo
    # is ready when every DAG has a successful run, the asset-triggered training DAGs (which
    # wait for their monitoring DAG) included: a backend started earlier would show them as
    # "has not run yet", and on a loaded machine the chains take minutes.
    started = time.time()
    deadline = started + 900
    unpaused, pending = [], None
    while time.time() < deadline:
        try:
            if not unpaused:
                listed = list_dags(auth)
                for dag in listed:
                    if dag["is_paused"]:
                        call("PATCH", f"{api}/dags/{dag['dag_id']}", {"is_paused": False}, auth)
                unpaused = [dag["dag_id"] for dag in listed]
                if unpaused:
                    print(f"unpaused {len(unpaused)} DAGs", flush=True)
                else:
                    time.sleep(2)
                    continue
            pending = [
                dag_id
                for dag_id in (unpaused if pending is None else pending)
                if not call("GET", f"{api}/dags/{dag_id}/dagRuns?state=success&limit=1", auth=auth)["dag_runs"]
            ]
            if unpaused and not pending:
                print(f"each of {len(unpaused)} ran successfully, {round(time.time() - started)} s after unpausing")
                sys.exit(0)
        except NO_ANSWER as error:
            print(f"the API did not answer ({error}); retrying", file=sys.stderr)
        time.sleep(3)
    print(f"not every DAG ran in time; without a successful run: {pending}", file=sys.stderr)
    sys.exit(1)

expected = {
    "train_scheduled_ok": "success",
    "train_failing": "failed",
    "drift_monitor": "success",
    "train_on_drift": "success",
    "train_manual_only": "success",
}
# A deadline to catch a hung scheduler: in CI, both Airflows run their scenarios beside the type
# check, lint and unit tests on two cores, and the retries of a task take minutes there.
deadline = time.time() + 900
triggered = False
states = {}
while time.time() < deadline:
    try:
        listed = list_dags(auth)
        for dag in listed:
            # train_paused is the paused scenario; every other DAG is meant to run.
            if dag["is_paused"] and dag["dag_id"] != "train_paused":
                call("PATCH", f"{api}/dags/{dag['dag_id']}", {"is_paused": False}, auth)
        dags = {d["dag_id"] for d in listed}
    except NO_ANSWER as error:
        # A loaded machine (CI starts every tool at once) can keep the API server from
        # answering in time; the next round asks again, until the deadline.
        print(f"the API did not answer ({error}); retrying", file=sys.stderr)
        time.sleep(2)
        continue
    if not triggered and "train_manual_only" in dags:
        try:
            call("POST", f"{api}/dags/train_manual_only/dagRuns", trigger_body, auth)
            triggered = True
        except NO_ANSWER as error:
            # A DAG can be listed a moment before it can be triggered; try again next round.
            print(f"trigger failed ({error}); retrying", file=sys.stderr)
    states = {}
    for dag_id in expected:
        if dag_id in dags:
            try:
                runs = call("GET", f"{api}/dags/{dag_id}/dagRuns?order_by={newest_first}&limit=5", auth=auth)
            except NO_ANSWER as error:
                print(f"the API did not answer ({error}); retrying", file=sys.stderr)
                continue
            states[dag_id] = [r["state"] for r in runs["dag_runs"]]
    if all(expected[d] in states.get(d, []) for d in expected):
        print(json.dumps(states))
        sys.exit(0)
    time.sleep(2)
print("scenarios not final in time:", json.dumps(states), file=sys.stderr)
sys.exit(1)

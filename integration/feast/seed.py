"""Seeds a Feast feature repository (local file registry, SQLite online store, a small parquet
source this script writes) with the scenarios the integration tests assert, through Feast's own
SDK: FeatureStore.apply (what `feast apply` runs) and FeatureStore.materialize (what
`feast materialize` runs), in one process so that seeding takes seconds.

Project mlops_scenarios:
  fresh_features           driver_fresh (materialised up to now) + driver_fresh_ratio (on demand)
  never_materialised_features  driver_never (applied, never materialised)
  stale_features           driver_stale (materialised only up to 30 days ago)
  mixed_features           driver_fresh + driver_never
  shared_features          driver_fresh
Project mlops_unmaterialised (same registry): idle_features and shared_features, both over
idle_view, which was never materialised (so shared_features is in two projects).

With "demo", project mlops_demo instead: one fresh service per `feast.dev/feature-service`
value of the demo catalog (examples/ml-services.yaml, or $MLOPS_DEMO_SERVICES).

usage: python seed.py RUN_DIR OUT_JSON [demo]
"""
import json
import os
import sys
from datetime import datetime, timedelta, timezone

import pandas as pd
from feast import (
    Entity,
    FeatureService,
    FeatureStore,
    FeatureView,
    Field,
    FileSource,
    ValueType,
)
from feast.on_demand_feature_view import on_demand_feature_view
from feast.types import Float64, Int64

run_dir, out_path = os.path.abspath(sys.argv[1]), sys.argv[2]
demo = len(sys.argv) > 3 and sys.argv[3] == "demo"
data = os.path.join(run_dir, "data")
os.makedirs(data, exist_ok=True)
now = datetime.now(timezone.utc).replace(microsecond=0)

# Ten drivers with an hourly row over the last 45 days.
source_path = os.path.join(data, "driver_stats.parquet")
hours = pd.date_range(now - timedelta(days=45), now, freq="1h", tz="UTC")
pd.DataFrame(
    [
        {
            "driver_id": d,
            "event_timestamp": t,
            "created": t,
            "conv_rate": (d * 7 + i) % 100 / 100,
            "trips_today": (d + i) % 30,
        }
        for d in range(1001, 1011)
        for i, t in enumerate(hours)
    ]
).to_parquet(source_path)

driver = Entity(name="driver", join_keys=["driver_id"], value_type=ValueType.INT64)
source = FileSource(
    name="driver_stats_source",
    path=source_path,
    timestamp_field="event_timestamp",
    created_timestamp_column="created",
)


def view(name):
    return FeatureView(
        name=name,
        entities=[driver],
        ttl=timedelta(days=60),
        schema=[Field(name="conv_rate", dtype=Float64), Field(name="trips_today", dtype=Int64)],
        online=True,
        source=source,
    )


def store_for(project):
    """A FeatureStore on the shared registry and online store, for one project."""
    repo = os.path.join(run_dir, project)
    os.makedirs(repo, exist_ok=True)
    with open(os.path.join(repo, "feature_store.yaml"), "w") as f:
        f.write(
            f"project: {project}\n"
            f"registry: {os.path.join(data, 'registry.db')}\n"
            "provider: local\n"
            f"online_store:\n  type: sqlite\n  path: {os.path.join(data, 'online_store.db')}\n"
            "offline_store:\n  type: file\n"
            "entity_key_serialization_version: 3\n"
            "auth:\n  type: no_auth\n"
        )
    return FeatureStore(repo_path=repo)


def materialize(store, views, end):
    store.materialize(start_date=end - timedelta(days=2), end_date=end, feature_views=views)


out = {"seededAt": now.isoformat()}
if demo:
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "demo"))
    from demo_services import annotation, services

    names = sorted(
        {
            name.strip()
            for s in services()
            for name in annotation(s, "feast.dev/feature-service").split(",")
            if name.strip()
        }
    )
    store = store_for("mlops_demo")
    views = {name: view(f"{name}_view") for name in names}
    store.apply(
        [driver, source, *views.values()]
        + [FeatureService(name=name, features=[views[name]]) for name in names]
    )
    materialize(store, [v.name for v in views.values()], now)
    out.update(project="mlops_demo", services=names)
else:
    fresh, never, stale = view("driver_fresh"), view("driver_never"), view("driver_stale")

    @on_demand_feature_view(
        sources=[fresh], schema=[Field(name="conv_rate_pct", dtype=Float64)], mode="pandas"
    )
    def driver_fresh_ratio(inputs: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({"conv_rate_pct": inputs["conv_rate"] * 100})

    store = store_for("mlops_scenarios")
    store.apply(
        [driver, source, fresh, never, stale, driver_fresh_ratio]
        + [
            FeatureService(name="fresh_features", features=[fresh, driver_fresh_ratio]),
            FeatureService(name="never_materialised_features", features=[never]),
            FeatureService(name="stale_features", features=[stale]),
            FeatureService(name="mixed_features", features=[fresh, never]),
            FeatureService(name="shared_features", features=[fresh]),
        ]
    )
    materialize(store, ["driver_fresh"], now)
    materialize(store, ["driver_stale"], now - timedelta(days=30))

    other = store_for("mlops_unmaterialised")
    idle = view("idle_view")
    other.apply(
        [driver, source, idle]
        + [FeatureService(name=name, features=[idle]) for name in ("idle_features", "shared_features")]
    )
    out.update(
        projects=["mlops_scenarios", "mlops_unmaterialised"],
        staleEnd=(now - timedelta(days=30)).isoformat(),
    )

with open(out_path, "w") as f:
    json.dump(out, f, indent=2)
print(json.dumps(out))

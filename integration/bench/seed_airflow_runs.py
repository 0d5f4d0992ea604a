"""Gives the collector benchmark's DAGs a history: the daily scheduled runs of the last DAYS days
for each of bench_dag_0 … bench_dag_{N-1}, through Airflow's own models, in the metadata
database of the AIRFLOW_HOME it runs in (the benchmark's DAGs start in 2030, so the scheduler
runs none). One DAG in ten failed its latest three runs, one in twenty has never run; the
others succeeded. Waits until the DAG processor has stored every DAG.

usage: AIRFLOW_HOME=… python seed_airflow_runs.py N DAYS
"""
import sys
import time
from datetime import timedelta

from airflow.models.dag import DagModel
from airflow.models.dagrun import DagRun
from airflow.utils import timezone
from airflow.utils.session import create_session
from airflow.utils.state import DagRunState
from airflow.utils.types import DagRunTriggeredByType, DagRunType
from sqlalchemy import func, select

n, days = int(sys.argv[1]), int(sys.argv[2])

deadline = time.time() + 1800
while True:
    with create_session() as session:
        stored = session.scalar(select(func.count()).select_from(DagModel).where(DagModel.dag_id.like("bench_dag_%")))
    if stored >= n:
        break
    if time.time() > deadline:
        sys.exit(f"only {stored} of {n} DAGs were stored in time")
    time.sleep(10)

began = time.time()
midnight = timezone.utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
seeded = 0
for start in range(0, n, 500):
    with create_session() as session:
        for i in range(start, min(n, start + 500)):
            if i % 20 == 19:
                continue
            for day in range(days, 0, -1):
                interval_start = midnight - timedelta(days=day)
                interval_end = interval_start + timedelta(days=1)
                failed = i % 10 == 0 and day <= 3
                run = DagRun(
                    dag_id=f"bench_dag_{i}",
                    run_id=f"scheduled__{interval_start.isoformat()}",
                    logical_date=interval_start,
                    run_after=interval_end,
                    data_interval=(interval_start, interval_end),
                    start_date=interval_end + timedelta(minutes=1),
                    state=DagRunState.FAILED if failed else DagRunState.SUCCESS,
                    run_type=DagRunType.SCHEDULED,
                    triggered_by=DagRunTriggeredByType.TIMETABLE,
                )
                run.end_date = interval_end + timedelta(minutes=5)
                session.add(run)
                seeded += 1
    print(f"{seeded} runs, {round(time.time() - began)} s", flush=True)

/** The parts of Airflow's REST answers the collector reads: API v2 (Airflow 3) and v1 (Airflow 2). */

/** The REST API an instance speaks: v2 (Airflow 3) or v1 (Airflow 2). */
export type AirflowApiVersion = 'v1' | 'v2';

export interface AirflowDag {
  dag_id: string;
  is_paused?: boolean;
  /** v2 */
  is_stale?: boolean;
  /** v1 */
  is_active?: boolean;
  /** v2: a cron, `Asset`, `Partitioned Asset`, `@once`, `None` or null. */
  timetable_summary?: string | null;
  timetable_description?: string | null;
  /** v1: `{ __type, value }` or null. */
  schedule_interval?: { __type?: string; value?: string } | null;
  tags?: Array<{ name: string }>;
}

export interface AirflowDagRun {
  dag_run_id: string;
  dag_id: string;
  /** v2: scheduled, manual, asset_triggered, backfill; v1: scheduled, manual, dataset_triggered, backfill. */
  run_type?: string;
  state?: string;
  /** v2: when the run was due; runs are ordered by it. */
  run_after?: string;
  /** v1: the logical date; runs are ordered by it. */
  execution_date?: string;
  start_date?: string | null;
  end_date?: string | null;
}

export interface AirflowAssetEvent {
  source_dag_id?: string | null;
  source_run_id?: string | null;
  uri?: string;
  timestamp?: string;
}

/** A page of runs: `GET …/dagRuns` and `POST /dags/~/dagRuns/list` (v1 and v2). */
export interface AirflowDagRunPage {
  dag_runs?: AirflowDagRun[];
  total_entries?: number | null;
}

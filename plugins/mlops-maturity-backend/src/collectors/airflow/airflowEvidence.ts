import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import type {
  AirflowAssetEvent,
  AirflowDag,
  AirflowDagRun,
} from './airflowTypes';

/** DAG tags that mark a DAG as monitoring (for drift-triggered retraining). */
export const MONITORING_TAGS = ['monitoring', 'drift'];

const DATA_TRIGGERED = new Set(['asset_triggered', 'dataset_triggered']);
const AUTOMATIC = new Set(['scheduled', ...DATA_TRIGGERED]);

/**
 * How a DAG is started: on a schedule, by data (assets or datasets), or only by hand.
 *
 * @internal
 */
export function dagTrigger(
  dag: AirflowDag,
): 'schedule' | 'data' | 'manual' | 'once' {
  if ('timetable_summary' in dag && dag.schedule_interval === undefined) {
    const summary = dag.timetable_summary;
    if (!summary || summary === 'None') return 'manual';
    if (summary === '@once') return 'once';
    if (/asset/i.test(summary)) return 'data';
    return 'schedule';
  }
  if (/dataset|asset/i.test(dag.timetable_description ?? '')) return 'data';
  if (!dag.schedule_interval) return 'manual';
  if (dag.schedule_interval.value === '@once') return 'once';
  return 'schedule';
}

/**
 * What the collector knows about one DAG of one instance.
 *
 * @internal
 */
export interface AirflowDagFacts {
  instance: string;
  baseUrl: string;
  /** The REST API the instance speaks: v2 (Airflow 3) or v1 (Airflow 2, whose UI and words differ). */
  apiVersion: 'v1' | 'v2';
  dagId: string;
  dag?: AirflowDag;
  /** Newest first. */
  runs: AirflowDagRun[];
  /** For entities that declare retraining on drift: the events behind the latest data-triggered run. */
  upstreamEvents?: AirflowAssetEvent[];
  /** Every DAG of the instance, to recognise monitoring DAGs. */
  dagsById: Map<string, AirflowDag>;
}

/** A run in the UI: its own page in Airflow 3, the DAG's grid with the run selected in Airflow 2. */
const runUrl = (f: AirflowDagFacts, run: AirflowDagRun) =>
  `${f.baseUrl}/dags/${encodeURIComponent(f.dagId)}/${
    f.apiVersion === 'v1' ? 'grid?dag_run_id=' : 'runs/'
  }${encodeURIComponent(run.dag_run_id)}`;

/**
 * The latest successful run that started without a person: scheduled or data-triggered.
 *
 * @internal
 */
export function latestAutomaticSuccess(runs: AirflowDagRun[]) {
  return runs.find(
    r => r.state === 'success' && AUTOMATIC.has(r.run_type ?? ''),
  );
}

/**
 * The latest successful run that data (an asset or dataset event) started.
 *
 * @internal
 */
export function latestDataTriggeredSuccess(runs: AirflowDagRun[]) {
  return runs.find(
    r => r.state === 'success' && DATA_TRIGGERED.has(r.run_type ?? ''),
  );
}

/**
 * Whether the evidence of a DAG depends on its runs: it exists, is active and unpaused, and is
 * started by a schedule or by data. Any other DAG fails on what the listing says.
 *
 * @internal
 */
export function dagRunsMatter(dag: AirflowDag | undefined): dag is AirflowDag {
  return (
    dag !== undefined &&
    dag.is_stale !== true &&
    dag.is_active !== false &&
    !dag.is_paused &&
    ['schedule', 'data'].includes(dagTrigger(dag))
  );
}

/**
 * Evidence that training runs automatically (and, on drift, that drift retrains): a pure
 * function of what Airflow answered.
 *
 * @internal
 */
export function airflowDagEvidence(f: AirflowDagFacts): CollectedEvidence[] {
  const where = `Airflow ${f.instance}`;
  const dagLink = [
    {
      title: `${f.dagId} in Airflow`,
      url: `${f.baseUrl}/dags/${encodeURIComponent(f.dagId)}`,
    },
  ];
  const fail = (message: string): CollectedEvidence[] => [
    {
      checkId: 'training-pipeline',
      status: 'fail',
      message,
      links: f.dag ? dagLink : undefined,
    },
  ];
  if (!f.dag) return fail(`DAG "${f.dagId}" does not exist in ${where}`);
  if (f.dag.is_stale === true || f.dag.is_active === false) {
    return fail(`DAG "${f.dagId}" is no longer in ${where}'s DAG files`);
  }
  if (f.dag.is_paused) return fail(`DAG "${f.dagId}" is paused`);
  const trigger = dagTrigger(f.dag);
  if (trigger === 'manual' || trigger === 'once') {
    return fail(
      `DAG "${f.dagId}" runs only ${
        trigger === 'manual' ? 'when triggered by hand' : 'once'
      }; it has no schedule or data trigger`,
    );
  }
  const success = latestAutomaticSuccess(f.runs);
  if (!success) {
    const last = f.runs[0];
    return fail(
      last
        ? `DAG "${f.dagId}" has no successful scheduled or data-triggered run; the latest (${last.run_type}) is ${last.state}`
        : `DAG "${f.dagId}" has not run yet`,
    );
  }
  const at = success.end_date ?? success.start_date;
  const evidence: CollectedEvidence[] = [
    {
      checkId: 'training-pipeline',
      status: 'pass',
      message: `DAG "${f.dagId}" is ${
        trigger === 'data' ? 'data-triggered' : 'scheduled'
      }; its latest ${success.run_type} run succeeded`,
      observedAt: at ? new Date(at) : undefined,
      links: [{ title: `${f.dagId} run in Airflow`, url: runUrl(f, success) }],
      details: {
        dagId: f.dagId,
        runId: success.dag_run_id,
        runType: success.run_type ?? null,
      },
    },
  ];
  if (f.upstreamEvents !== undefined) {
    evidence.push(driftEvidence(f));
  }
  return evidence;
}

function driftEvidence(f: AirflowDagFacts): CollectedEvidence {
  const run = latestDataTriggeredSuccess(f.runs);
  const monitor = (f.upstreamEvents ?? [])
    .map(e => e.source_dag_id)
    .find(id => {
      const tags =
        f.dagsById.get(id ?? '')?.tags?.map(t => t.name.toLowerCase()) ?? [];
      return tags.some(t => MONITORING_TAGS.includes(t));
    });
  if (!run || !monitor) {
    return {
      checkId: 'drift-triggered-retraining',
      status: 'fail',
      message: run
        ? `The latest data-triggered run of "${f.dagId}" was not started by a monitoring DAG (tag one with "monitoring")`
        : `"${f.dagId}" has no successful data-triggered run`,
    };
  }
  const at = run.end_date ?? run.start_date;
  return {
    checkId: 'drift-triggered-retraining',
    status: 'pass',
    message: `"${f.dagId}" retrained after ${
      f.apiVersion === 'v1' ? 'a dataset' : 'an asset'
    } event from monitoring DAG "${monitor}"`,
    observedAt: at ? new Date(at) : undefined,
    links: [{ title: `${f.dagId} run in Airflow`, url: runUrl(f, run) }],
  };
}

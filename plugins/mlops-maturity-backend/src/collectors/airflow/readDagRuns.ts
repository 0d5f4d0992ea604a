import {
  ToolAnswerTooLargeError,
  ToolHttpClient,
  ToolResponseError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import {
  latestAutomaticSuccess,
  latestDataTriggeredSuccess,
} from './airflowEvidence';
import type {
  AirflowApiVersion,
  AirflowDagRun,
  AirflowDagRunPage,
} from './airflowTypes';

/** The runs of a DAG its evidence looks at: the newest, as many as one `GET …/dagRuns` asks. */
export const RUNS_PER_DAG = 25;
/**
 * How far back the batched reads go, in days, one window after the other: two days hold a
 * daily DAG's latest run, two weeks its latest success after a bad spell; a DAG still undecided
 * then gets all its older runs. Each window reads only the DAGs the newer ones left undecided.
 */
const WINDOW_DAYS = [2, 14];
/**
 * Runs per page of a batched read (the batch endpoints of both APIs take more than 100): each
 * request costs an API server a fixed share (its permission filter over every DAG, about
 * 0.35 s on Airflow 3 with 10,000 DAGs) and each run far less (about 0.3 ms), so a window of
 * a batch is one page. At about 600 bytes a run, a page is about 3 MB; a page longer than the
 * instance's `maxResponseBytes` (runs with large `conf`) is asked again at half the size, down
 * to {@link MIN_RUN_PAGE}.
 */
const RUN_PAGE = 5000;
const MIN_RUN_PAGE = 100;
/** DAG ids per batched read (one engine batch), far below SQLite's bound on the parameters of one query. */
const DAGS_PER_READ = 1000;
/** Fewer DAGs are asked one by one: a batched read and its follow-up could cost as much. */
const MIN_BATCH = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the runs of one DAG came to: newest first, or why they could not be read. */
export type DagRunsResult = AirflowDagRun[] | Error;

/**
 * How to ask one instance.
 *
 * @internal
 */
export interface DagRunsSource {
  client: ToolHttpClient;
  version: AirflowApiVersion;
  signal?: AbortSignal;
  /** Epoch ms; the recent window ends here. */
  now?: number;
}

/**
 * The newest runs (at most {@link RUNS_PER_DAG}, newest first) of many DAGs at once, exactly as
 * `GET /dags/{id}/dagRuns?order_by=-run_after&limit=25` (v1: `-execution_date`) answers each,
 * in a few requests: the batch endpoint `POST /dags/~/dagRuns/list` reads the runs of up to
 * 1,000 DAGs of the last two days, paged. A DAG is settled by its runs read so far when they are
 * 25, or when they hold the success its evidence looks for (the latest automatic success, and
 * for a DAG that retrains on drift the latest data-triggered one too); the others get the runs
 * of the next window back (two weeks), then all their older runs, which settles every DAG that
 * never ran. A batched read that would return more runs than asking each DAG (25 each) is not
 * paged through: those DAGs are asked one by one, so a batch never costs more requests than
 * that.
 *
 * `needs` maps each DAG id to whether an entity needs its latest data-triggered success.
 *
 * @internal
 */
export async function readDagRuns(
  needs: ReadonlyMap<string, boolean>,
  source: DagRunsSource,
): Promise<Map<string, DagRunsResult>> {
  const result = new Map<string, DagRunsResult>();
  const ids = [...needs.keys()];
  for (let i = 0; i < ids.length; i += DAGS_PER_READ) {
    await readChunk(ids.slice(i, i + DAGS_PER_READ), needs, source, result);
  }
  return result;
}

async function readChunk(
  ids: string[],
  needs: ReadonlyMap<string, boolean>,
  source: DagRunsSource,
  into: Map<string, DagRunsResult>,
) {
  const now = source.now ?? Date.now();
  const read = new Map<string, AirflowDagRun[]>();
  let open = ids;
  let newer: string | undefined;
  for (const days of [...WINDOW_DAYS, undefined]) {
    const since =
      days === undefined
        ? undefined
        : new Date(now - days * DAY_MS).toISOString();
    const batch =
      open.length < MIN_BATCH
        ? undefined
        : await readBatch(open, { since, before: newer }, source);
    if (!batch) {
      await readEach(open, source, into);
      return;
    }
    const undecided: string[] = [];
    for (const id of open) {
      // Each window's runs are all older than the newer windows' runs, newest first.
      const runs = withoutRepeats([
        ...(read.get(id) ?? []),
        ...(batch.get(id) ?? []),
      ]);
      if (since === undefined || runsSettle(runs, needs.get(id) ?? false)) {
        into.set(id, runs.slice(0, RUNS_PER_DAG));
      } else {
        read.set(id, runs);
        undecided.push(id);
      }
    }
    if (undecided.length === 0) return;
    open = undecided;
    newer = since;
  }
}

/**
 * Whether the newest runs of a DAG (all those since some time, newest first) decide its
 * evidence as its newest {@link RUNS_PER_DAG} would: they are as many, or they hold the
 * successes the evidence looks for, which older runs cannot displace.
 *
 * @internal
 */
export function runsSettle(
  newestRuns: AirflowDagRun[],
  needsDataTriggered: boolean,
): boolean {
  if (newestRuns.length >= RUNS_PER_DAG) return true;
  return (
    latestAutomaticSuccess(newestRuns) !== undefined &&
    (!needsDataTriggered ||
      latestDataTriggeredSuccess(newestRuns) !== undefined)
  );
}

/**
 * Runs of one DAG in the order `GET …/dagRuns` gives them: newest first by `run_after` (v2),
 * whose ties Airflow breaks by the newest row first, or by `execution_date` (v1), unique per
 * DAG. `runs` are in the order of their rows, as `order_by=id` reads them.
 *
 * @internal
 */
export function newestFirst(
  runs: AirflowDagRun[],
  version: AirflowApiVersion,
): AirflowDagRun[] {
  const at = (run: AirflowDagRun) =>
    Date.parse((version === 'v2' ? run.run_after : run.execution_date) ?? '') ||
    0;
  return [...runs].reverse().sort((a, b) => at(b) - at(a));
}

function withoutRepeats(runs: AirflowDagRun[]): AirflowDagRun[] {
  const seen = new Set<string>();
  return runs.filter(r => !seen.has(r.dag_run_id) && seen.add(r.dag_run_id));
}

/** A window of time: runs due since one time (when bounded) and before another (when bounded). */
interface Window {
  since?: string;
  before?: string;
}

/**
 * One batched read: the runs of `ids` due in a window, by DAG and newest first; undefined when
 * they are more than asking each DAG would return. Paged by row id, so that a run created
 * meanwhile cannot shift a page.
 */
async function readBatch(
  ids: string[],
  window: Window,
  source: DagRunsSource,
): Promise<Map<string, AirflowDagRun[]> | undefined> {
  const { client, version, signal } = source;
  const budget = RUNS_PER_DAG * ids.length;
  const body = {
    dag_ids: ids,
    order_by: 'id',
    ...windowFields(version, window),
  };
  const byDag = new Map<string, AirflowDagRun[]>();
  let pageLimit = RUN_PAGE;
  for (let offset = 0; ; ) {
    let page: AirflowDagRunPage;
    try {
      page = await client.postJson<AirflowDagRunPage>(
        `/api/${version}/dags/~/dagRuns/list`,
        { ...body, page_limit: pageLimit, page_offset: offset },
        signal,
      );
    } catch (error) {
      if (
        error instanceof ToolAnswerTooLargeError &&
        pageLimit > MIN_RUN_PAGE
      ) {
        pageLimit = Math.max(MIN_RUN_PAGE, Math.floor(pageLimit / 2));
        continue;
      }
      throw error;
    }
    const runs = page.dag_runs ?? [];
    const total = page.total_entries ?? undefined;
    if (total !== undefined && total > budget) return undefined;
    for (const run of runs) {
      const list = byDag.get(run.dag_id) ?? [];
      list.push(run);
      byDag.set(run.dag_id, list);
    }
    offset += runs.length;
    if (offset > budget) return undefined;
    if (runs.length === 0 || (total !== undefined && offset >= total)) break;
  }
  for (const [id, runs] of byDag) byDag.set(id, newestFirst(runs, version));
  return byDag;
}

/** The bounds of a batched read: v2 bounds `run_after`; v1 has only `execution_date`. */
function windowFields(
  version: AirflowApiVersion,
  { since, before }: Window,
): Record<string, string> {
  const fields: Record<string, string> = {};
  if (since !== undefined) {
    fields[version === 'v2' ? 'run_after_gte' : 'execution_date_gte'] = since;
  }
  if (before !== undefined) {
    // v1 has no strict bound; a run exactly at it is read twice and counted once.
    fields[version === 'v2' ? 'run_after_lt' : 'execution_date_lte'] = before;
  }
  return fields;
}

/** Asks each DAG for its newest runs; one DAG's failure is its own. */
async function readEach(
  ids: string[],
  source: DagRunsSource,
  into: Map<string, DagRunsResult>,
) {
  await Promise.all(
    ids.map(async id => {
      try {
        into.set(id, await dagRuns(id, source));
      } catch (error) {
        if (source.signal?.aborted) throw error;
        into.set(id, error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
}

async function dagRuns(
  dagId: string,
  { client, version, signal }: DagRunsSource,
): Promise<AirflowDagRun[]> {
  try {
    const answer = await client.getJson<AirflowDagRunPage>(
      `/api/${version}/dags/${encodeURIComponent(dagId)}/dagRuns`,
      {
        limit: RUNS_PER_DAG,
        order_by: version === 'v2' ? '-run_after' : '-execution_date',
      },
      signal,
    );
    return answer.dag_runs ?? [];
  } catch (error) {
    // The DAG was deleted after the listing: it has no runs.
    if (error instanceof ToolResponseError && error.status === 404) return [];
    throw error;
  }
}

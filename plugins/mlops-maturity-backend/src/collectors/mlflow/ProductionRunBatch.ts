import {
  CollectorInstance,
  EvidenceRequest,
  ToolHttpClient,
  ToolReference,
  ToolResponseError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import type { MlflowRun } from './mlflowTypes';

const API = '/api/2.0/mlflow';
/** Run ids per search, far below SQLite's bound on the parameters of one query. */
const RUNS_PER_SEARCH = 200;
/** Experiment ids per search, for the same reason. */
const EXPERIMENTS_PER_SEARCH = 500;
/** Fewer runs are read one by one: the search could cost as much. */
const MIN_BATCH = 3;
/** Run ids MLflow's filter grammar takes quoted as they are (MLflow's are 32 hex digits). */
const PLAIN_RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A run's metrics, or why they could not be read. */
type RunMetrics = Array<{ key: string; value: number }> | Error;

/**
 * How to ask one instance.
 *
 * @internal
 */
export interface RunSource {
  client: ToolHttpClient;
  /** Every experiment of the instance, deleted ones too, listed at most once per run. */
  experimentIds: () => Promise<string[]>;
  signal?: AbortSignal;
}

/**
 * The production runs one `collect` call reads: for each instance, the runs whose metrics the
 * requests' evidence needs are read together ({@link readRunMetrics}), on the first reference
 * that asks.
 *
 * @internal
 */
export class ProductionRunBatch<L> {
  readonly #requests: readonly EvidenceRequest[];
  readonly #runIdOf: (
    ref: ToolReference,
    request: EvidenceRequest,
    listing: L,
  ) => string | undefined;
  readonly #reads = new Map<string, Promise<Map<string, RunMetrics>>>();

  /** `runIdOf` names the run a reference needs the metrics of, if any. */
  constructor(
    requests: readonly EvidenceRequest[],
    runIdOf: (
      ref: ToolReference,
      request: EvidenceRequest,
      listing: L,
    ) => string | undefined,
  ) {
    this.#requests = requests;
    this.#runIdOf = runIdOf;
  }

  /** The metrics of one run of the instance. */
  async metricsOf(
    instance: CollectorInstance,
    listing: L,
    source: Omit<RunSource, 'client'>,
    runId: string,
  ): Promise<Array<{ key: string; value: number }>> {
    let read = this.#reads.get(instance.name);
    if (!read) {
      const ids = new Set([runId]);
      for (const request of this.#requests) {
        for (const ref of request.references) {
          if (ref.instance !== instance.name) continue;
          const id = this.#runIdOf(ref, request, listing);
          if (id) ids.add(id);
        }
      }
      read = readRunMetrics([...ids], { ...source, client: instance.client });
      this.#reads.set(instance.name, read);
    }
    let metrics = (await read).get(runId);
    // A reference outside the requests the batch was made for.
    if (!metrics)
      metrics = (
        await readRunMetrics([runId], { ...source, client: instance.client })
      ).get(runId)!;
    if (metrics instanceof Error) throw metrics;
    return metrics;
  }
}

/**
 * The metrics of many runs at once, as `GET runs/get` answers each: one
 * `POST runs/search` (`attributes.run_id IN (…)`, over every experiment, deleted runs too)
 * per 200 runs, where MLflow would otherwise be asked once per entity. A run the search does
 * not return (deleted for good, in an experiment created since the listing, or an id the
 * filter cannot quote) is asked alone, so a missing run reads exactly as before: no metrics.
 * A search MLflow refuses (4xx) falls back to asking each run.
 *
 * @internal
 */
export async function readRunMetrics(
  runIds: readonly string[],
  source: RunSource,
): Promise<Map<string, RunMetrics>> {
  const result = new Map<string, RunMetrics>();
  const unique = [...new Set(runIds)];
  const plain = unique.filter(id => PLAIN_RUN_ID.test(id));
  let alone = unique.filter(id => !PLAIN_RUN_ID.test(id));
  if (plain.length < MIN_BATCH) {
    alone = unique;
  } else {
    for (let i = 0; i < plain.length; i += RUNS_PER_SEARCH) {
      const ids = plain.slice(i, i + RUNS_PER_SEARCH);
      const found = await searchRuns(ids, source);
      if (!found) {
        alone.push(...ids);
        continue;
      }
      for (const id of ids) {
        const run = found.get(id);
        if (run) result.set(id, run.data?.metrics ?? []);
        else alone.push(id);
      }
    }
  }
  await Promise.all(
    alone.map(async id => {
      try {
        result.set(id, await runMetrics(id, source));
      } catch (error) {
        if (source.signal?.aborted) throw error;
        result.set(
          id,
          error instanceof Error ? error : new Error(String(error)),
        );
      }
    }),
  );
  return result;
}

/** The runs of `ids` in any experiment; undefined when MLflow refuses the search. */
async function searchRuns(
  ids: string[],
  { client, experimentIds, signal }: RunSource,
): Promise<Map<string, MlflowRun> | undefined> {
  const experiments = await experimentIds();
  const found = new Map<string, MlflowRun>();
  const filter = `attributes.run_id IN (${ids.map(id => `'${id}'`).join(',')})`;
  for (let i = 0; i < experiments.length; i += EXPERIMENTS_PER_SEARCH) {
    let answer: { runs?: MlflowRun[] };
    try {
      answer = await client.postJson(
        `${API}/runs/search`,
        {
          experiment_ids: experiments.slice(i, i + EXPERIMENTS_PER_SEARCH),
          filter,
          run_view_type: 'ALL',
          max_results: ids.length,
        },
        signal,
      );
    } catch (error) {
      if (error instanceof ToolResponseError && error.status < 500) {
        return undefined;
      }
      throw error;
    }
    for (const run of answer.runs ?? []) {
      if (run.info?.run_id) found.set(run.info.run_id, run);
    }
    if (found.size >= ids.length) break;
  }
  return found;
}

async function runMetrics(
  runId: string,
  { client, signal }: RunSource,
): Promise<Array<{ key: string; value: number }>> {
  const answer = await client
    .getJson<{ run?: MlflowRun }>(`${API}/runs/get`, { run_id: runId }, signal)
    .catch(e => {
      // A deleted run has no metrics to show; an outage is reported as unknown.
      if (e instanceof ToolResponseError) return {} as { run?: MlflowRun };
      throw e;
    });
  return answer.run?.data?.metrics ?? [];
}

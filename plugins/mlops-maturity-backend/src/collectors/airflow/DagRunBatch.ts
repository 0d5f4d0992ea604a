import type {
  CollectorInstance,
  EvidenceRequest,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import { dagRunsMatter } from './airflowEvidence';
import type {
  AirflowApiVersion,
  AirflowAssetEvent,
  AirflowDag,
  AirflowDagRun,
} from './airflowTypes';
import { DagRunsResult, readDagRuns } from './readDagRuns';

/**
 * What the collector knows of an instance for a whole run: the API it speaks and its DAGs.
 *
 * @internal
 */
export interface AirflowListing {
  version: AirflowApiVersion;
  dags: Map<string, AirflowDag>;
}

/**
 * The runs one `collect` call reads: for each instance, the runs of every DAG its requests
 * name are read together, on the first reference that asks ({@link readDagRuns}), and each
 * run's upstream events at most once however many entities name its DAG.
 *
 * @internal
 */
export class DagRunBatch {
  readonly #requests: readonly EvidenceRequest[];
  readonly #runs = new Map<string, Promise<Map<string, DagRunsResult>>>();
  readonly #events = new Map<string, Promise<AirflowAssetEvent[]>>();

  constructor(requests: readonly EvidenceRequest[]) {
    this.#requests = requests;
  }

  /** The newest runs of one DAG of the instance, newest first. */
  async runsOf(
    instance: CollectorInstance,
    listing: AirflowListing,
    dagId: string,
    signal?: AbortSignal,
  ): Promise<AirflowDagRun[]> {
    let read = this.#runs.get(instance.name);
    if (!read) {
      read = readDagRuns(this.#needs(instance.name, listing), {
        client: instance.client,
        version: listing.version,
        signal,
      });
      this.#runs.set(instance.name, read);
    }
    const runs = (await read).get(dagId) ?? [];
    if (runs instanceof Error) throw runs;
    return runs;
  }

  /** The asset (v1: dataset) events that started one run. */
  upstreamEvents(
    instance: CollectorInstance,
    version: AirflowApiVersion,
    dagId: string,
    runId: string,
    signal?: AbortSignal,
  ): Promise<AirflowAssetEvent[]> {
    const key = JSON.stringify([instance.name, dagId, runId]);
    let events = this.#events.get(key);
    if (!events) {
      const path = `/api/${version}/dags/${encodeURIComponent(
        dagId,
      )}/dagRuns/${encodeURIComponent(runId)}/${
        version === 'v2' ? 'upstreamAssetEvents' : 'upstreamDatasetEvents'
      }`;
      events = instance.client
        .getJson<{
          asset_events?: AirflowAssetEvent[];
          dataset_events?: AirflowAssetEvent[];
        }>(path, undefined, signal)
        .then(answer => answer.asset_events ?? answer.dataset_events ?? []);
      this.#events.set(key, events);
    }
    return events;
  }

  /**
   * The DAGs of the instance whose runs the requests' evidence reads, each with whether an
   * entity naming it retrains on drift.
   */
  #needs(instance: string, listing: AirflowListing): Map<string, boolean> {
    const needs = new Map<string, boolean>();
    for (const request of this.#requests) {
      const onDrift = request.facts.retrainCadence?.kind === 'on-drift';
      for (const ref of request.references) {
        if (ref.instance !== instance) continue;
        if (!dagRunsMatter(listing.dags.get(ref.id))) continue;
        needs.set(ref.id, needs.get(ref.id) === true || onDrift);
      }
    }
    return needs;
  }
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  buildToolInstances,
  CollectedEvidence,
  CollectOptions,
  CollectorInstance,
  EvidenceRequest,
  InstanceCollector,
  InstanceReference,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import { AirflowAuth } from './AirflowAuth';
import {
  airflowDagEvidence,
  dagRunsMatter,
  latestDataTriggeredSuccess,
} from './airflowEvidence';
import type {
  AirflowApiVersion,
  AirflowAssetEvent,
  AirflowDag,
} from './airflowTypes';
import { AirflowListing, DagRunBatch } from './DagRunBatch';

/**
 * DAGs asked per page. Airflow answers at most its `[api] maximum_page_limit` (100 by default),
 * and each page costs its API server a fixed share (its permission filter over every DAG):
 * an instance whose limit is raised is listed in fewer pages.
 */
const PAGE = 1000;
/**
 * Listing pages asked at once. Part of a page's cost is the API server's database, which works
 * while its Python answers another page: with one API worker and 10,000 DAGs, two pages at a
 * time list about a fifth faster than one; three, no faster than two. The instance's
 * `concurrency` still bounds them.
 */
const PAGES_AT_ONCE = 2;

interface Instance extends CollectorInstance {
  version: () => Promise<AirflowApiVersion>;
}

/**
 * Evidence from Apache Airflow (REST API v2 with token auth for Airflow 3, v1 for Airflow 2):
 * DAGs are listed once per run and instance, with the API version, so that an instance that
 * does not answer costs one timeout per run; the runs of the DAGs of each batch of entities
 * are read together ({@link DagRunBatch}).
 *
 * @internal
 */
export class AirflowCollector extends InstanceCollector<
  Instance,
  AirflowListing
> {
  readonly id = 'airflow';
  /** Every reference is looked up in the DAG listing, which the run starts reading at once. */
  protected readonly listsForEveryReference = true;
  /** The batch each request of a `collect` call belongs to. */
  readonly #batches = new WeakMap<EvidenceRequest, DagRunBatch>();

  /** Undefined when no Airflow instance is configured. */
  static fromConfig(
    config: Config,
    _logger: LoggerService,
  ): AirflowCollector | undefined {
    const instances = buildToolInstances(
      config,
      'airflow',
      'Airflow',
      (i, client) => {
        const timeoutMs = i.timeoutMs ?? 10_000;
        const auth = new AirflowAuth(i, timeoutMs);
        return {
          ...i,
          version: () => auth.version(),
          client: client({ headers: () => auth.headers(), timeoutMs }),
        };
      },
    );
    return instances && new AirflowCollector(instances);
  }

  collect(
    requests: readonly EvidenceRequest[],
    options: CollectOptions,
  ): Promise<Map<string, CollectedEvidence[]>> {
    const batch = new DagRunBatch(requests);
    for (const request of requests) this.#batches.set(request, batch);
    return super.collect(requests, options);
  }

  protected async evidenceFor(
    reference: InstanceReference<Instance, AirflowListing>,
  ): Promise<CollectedEvidence[]> {
    const { ref, request, instance, signal } = reference;
    const listing = await reference.listing();
    const { version, dags } = listing;
    const dag = dags.get(ref.id);
    const base = {
      instance: instance.name,
      baseUrl: instance.baseUrl,
      apiVersion: version,
      dagId: ref.id,
      dag,
      dagsById: dags,
    };
    if (!dagRunsMatter(dag)) return airflowDagEvidence({ ...base, runs: [] });
    const batch = this.#batches.get(request) ?? new DagRunBatch([request]);
    const runs = await batch.runsOf(instance, listing, ref.id, signal);
    let upstreamEvents: AirflowAssetEvent[] | undefined;
    if (request.facts.retrainCadence?.kind === 'on-drift') {
      const triggered = latestDataTriggeredSuccess(runs);
      upstreamEvents = triggered
        ? await batch.upstreamEvents(
            instance,
            version,
            ref.id,
            triggered.dag_run_id,
            signal,
          )
        : [];
    }
    return airflowDagEvidence({ ...base, runs, upstreamEvents });
  }

  protected async list(
    instance: Instance,
    signal?: AbortSignal,
  ): Promise<AirflowListing> {
    const version = await instance.version();
    const dags = new Map<string, AirflowDag>();
    const page = async (offset: number) => {
      const answer = await instance.client.getJson<{
        dags?: AirflowDag[];
        total_entries?: number;
      }>(`/api/${version}/dags`, { limit: PAGE, offset }, signal);
      for (const dag of answer.dags ?? []) dags.set(dag.dag_id, dag);
      return answer;
    };
    // The first page tells how many DAGs there are and how many a page holds (an instance may
    // cap pages below PAGE); the others are asked PAGES_AT_ONCE at a time.
    const first = await page(0);
    const stride = first.dags?.length ?? 0;
    const total = first.total_entries ?? 0;
    if (stride === 0) return { version, dags };
    let next = stride;
    const worker = async () => {
      while (next < total) {
        const offset = next;
        next += stride;
        const answer = await page(offset);
        // Fewer DAGs than the count said (some were deleted meanwhile): nothing lies beyond.
        if (!answer.dags?.length) next = Math.max(next, total);
      }
    };
    await Promise.all(Array.from({ length: PAGES_AT_ONCE }, worker));
    return { version, dags };
  }
}

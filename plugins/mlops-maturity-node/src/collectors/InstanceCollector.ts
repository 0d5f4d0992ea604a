import type { Config } from '@backstage/config';
import { collectPerReference } from './collectPerReference';
import { RunScopedCache } from './RunScopedCache';
import {
  requestCountsOf,
  ToolHttpClient,
  ToolHttpClientOptions,
} from './ToolHttpClient';
import {
  authorizationHeader,
  readToolInstances,
  ToolInstance,
} from './toolInstances';
import type {
  CollectedEvidence,
  CollectOptions,
  EvidenceCollector,
  EvidenceRequest,
  RunOptions,
  ToolReference,
} from './types';

/**
 * A configured tool instance as an {@link InstanceCollector} holds it: the instance with its
 * HTTP client, and whatever else the tool needs.
 *
 * @public
 */
export interface CollectorInstance extends ToolInstance {
  client: ToolHttpClient;
}

/**
 * One reference to a configured instance, as {@link InstanceCollector} asks for its evidence.
 *
 * @public
 */
export interface InstanceReference<I, L> {
  ref: ToolReference;
  /** The entity whose annotation holds the reference. */
  request: EvidenceRequest;
  /** The configured instance the reference names. */
  instance: I;
  /** The instance's listing, read at most once per run however many references ask for it. */
  listing(): Promise<L>;
  signal?: AbortSignal;
}

/**
 * The configured instances of one tool kind (`mlopsMaturity.tools.<kind>[]`), each built into
 * what its collector holds; undefined when none is configured, so that the collector is left
 * out. `build` gets a factory of the instance's HTTP client: its URL, credentials (through
 * {@link authorizationHeader}), timeout, concurrency and answer size limit, `<tool> instance "<name>"` in
 * messages, and whatever the overrides replace, such as the headers of a tool that signs in.
 *
 * @public
 */
export function buildToolInstances<I extends CollectorInstance>(
  config: Config,
  kind: string,
  tool: string,
  build: (
    instance: ToolInstance,
    client: (overrides?: Partial<ToolHttpClientOptions>) => ToolHttpClient,
  ) => I,
): I[] | undefined {
  const instances = readToolInstances(config, kind);
  if (instances.length === 0) return undefined;
  return instances.map(instance =>
    build(
      instance,
      overrides =>
        new ToolHttpClient({
          label: `${tool} instance "${instance.name}"`,
          baseUrl: instance.baseUrl,
          headers: () => authorizationHeader(instance),
          timeoutMs: instance.timeoutMs,
          concurrency: instance.concurrency,
          maxResponseBytes: instance.maxResponseBytes,
          ...overrides,
        }),
    ),
  );
}

/**
 * The base of a collector for a tool with named instances that lists each instance once per
 * run (all registered models, all DAGs) and answers each reference from it, through
 * {@link collectPerReference}. A reference to an instance that is not configured gets no
 * evidence, so its claim stays declared.
 *
 * @public
 */
export abstract class InstanceCollector<I extends CollectorInstance, L>
  implements EvidenceCollector
{
  abstract readonly id: string;
  readonly #instances: Map<string, I>;
  readonly #listings = new RunScopedCache<L>();

  constructor(instances: readonly I[]) {
    this.#instances = new Map(instances.map(i => [i.name, i]));
  }

  /** Requests sent so far to each instance, for benchmarks. */
  requestCounts(): Record<string, number> {
    return requestCountsOf(
      [...this.#instances].map(([name, i]) => [name, i.client]),
    );
  }

  collect(
    requests: readonly EvidenceRequest[],
    options: CollectOptions,
  ): Promise<Map<string, CollectedEvidence[]>> {
    const { signal } = options;
    return collectPerReference(requests, options, async (request, ref) => {
      const instance = this.#instances.get(ref.instance);
      if (!instance) return [];
      const listing = () => this.#listing(instance, options);
      return this.evidenceFor({ ref, request, instance, listing, signal });
    });
  }

  /**
   * Whether every reference needs its instance's listing, so that each instance is listed from
   * the run's start ({@link InstanceCollector.prepare}). Off by default: a collector whose
   * references need the listing only sometimes would list for nothing.
   */
  protected readonly listsForEveryReference: boolean = false;

  /**
   * When {@link InstanceCollector.listsForEveryReference}, starts listing every instance for
   * the run, so that the listings are read while the catalog is: a tool whose listing takes
   * many pages (Airflow answers 100 DAGs a page) would otherwise only start once the first
   * batch is ready. An instance that fails to list fails the references that need it, as it
   * would have.
   */
  prepare(options: RunOptions): void {
    if (!this.listsForEveryReference) return;
    for (const instance of this.#instances.values()) {
      this.#listing(instance, options).catch(() => {});
    }
  }

  #listing(instance: I, { runId, signal }: RunOptions): Promise<L> {
    return this.#listings.get(runId, instance.name, () =>
      this.list(instance, signal),
    );
  }

  /** What the instance holds that references are looked up in, e.g. its registered models. */
  protected abstract list(instance: I, signal?: AbortSignal): Promise<L>;

  /** The evidence of one reference to a configured instance; a thrown error is `unknown`. */
  protected abstract evidenceFor(
    reference: InstanceReference<I, L>,
  ): Promise<CollectedEvidence[]>;
}

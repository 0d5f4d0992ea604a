import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  CollectedEvidence,
  CollectOptions,
  EvidenceRequest,
  InstanceCollector,
  InstanceReference,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import { argoEvidence } from './argoEvidence';
import { buildClusterInstances, ClusterInstance } from './clusterInstances';
import { dashboardLinks } from './dashboardLinks';
import { KubeObjectIndex, KubeResource } from './kubeObjectIndex';
import type { KubeObject } from './kubernetesTypes';
import { kserveEvidence } from './kserveEvidence';
import { AB_TESTING, RolloutFacts } from './rolloutFacts';
import { seldonEvidence } from './seldonEvidence';

const DEFAULT_PAGE_SIZE = 500;

/**
 * A rollout tool whose objects live in Kubernetes: the collector id (the tool kind of its
 * annotation), the custom resource type, and the pure rule that turns an object into evidence.
 *
 * @internal
 */
export interface RolloutKind {
  id: 'kserve' | 'argo' | 'seldon';
  resource: KubeResource;
  evidence(facts: RolloutFacts<any>): CollectedEvidence;
}

/**
 * The three rollout kinds, by collector id.
 *
 * @internal
 */
export const ROLLOUT_KINDS: readonly RolloutKind[] = [
  {
    id: 'kserve',
    resource: {
      group: 'serving.kserve.io',
      version: 'v1beta1',
      plural: 'inferenceservices',
      kind: 'InferenceService',
      product: 'KServe',
    },
    evidence: kserveEvidence,
  },
  {
    id: 'argo',
    resource: {
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'rollouts',
      kind: 'Rollout',
      product: 'Argo Rollouts',
    },
    evidence: argoEvidence,
  },
  {
    id: 'seldon',
    resource: {
      group: 'mlops.seldon.io',
      version: 'v1alpha1',
      plural: 'experiments',
      kind: 'Experiment',
      product: 'Seldon Core 2',
    },
    evidence: seldonEvidence,
  },
];

const NAMESPACED = /^([a-z0-9-]{1,63})\/([a-z0-9.-]{1,253})$/;

/**
 * Evidence for `ab-testing` from one rollout tool's custom resources (KServe
 * InferenceServices, Argo Rollouts, Seldon Experiments), read through the clusters of
 * Backstage's own `kubernetes` config, never from a URL in an annotation. An annotation names
 * `[cluster:]namespace/name`; without a cluster the first configured one is meant. Each
 * resource type is listed once per run and cluster (see {@link KubeObjectIndex}).
 *
 * @internal
 */
export class KubernetesRolloutCollector extends InstanceCollector<
  ClusterInstance,
  KubeObjectIndex<KubeObject>
> {
  readonly id: RolloutKind['id'];
  readonly #kind: RolloutKind;
  readonly #defaultCluster: string;
  readonly #pageSize: number;

  /**
   * One collector per rollout kind, sharing each cluster's HTTP client; none when no cluster
   * is configured or `mlopsMaturity.kubernetes.enabled` is false.
   */
  static fromConfig(
    config: Config,
    logger: LoggerService,
    options: { inClusterToken?: string } = {},
  ): KubernetesRolloutCollector[] {
    const settings = config.getOptionalConfig('mlopsMaturity.kubernetes');
    if (settings?.getOptionalBoolean('enabled') === false) return [];
    const pageSize =
      settings?.getOptionalNumber('pageSize') ?? DEFAULT_PAGE_SIZE;
    const clusters = buildClusterInstances(config, logger, {
      timeoutMs: settings?.getOptionalNumber('timeoutMs'),
      concurrency: settings?.getOptionalNumber('concurrency'),
      pageSize,
      inClusterToken: options.inClusterToken,
    });
    if (clusters.length === 0) return [];
    return ROLLOUT_KINDS.map(
      kind => new KubernetesRolloutCollector(kind, clusters, pageSize),
    );
  }

  constructor(
    kind: RolloutKind,
    clusters: ClusterInstance[],
    pageSize: number,
  ) {
    super(clusters);
    this.id = kind.id;
    this.#kind = kind;
    this.#defaultCluster = clusters[0]?.name ?? '';
    this.#pageSize = pageSize;
  }

  /** References without a cluster (none named, or none validated) go to the first cluster. */
  collect(
    requests: readonly EvidenceRequest[],
    options: CollectOptions,
  ): Promise<Map<string, CollectedEvidence[]>> {
    return super.collect(
      requests.map(request => ({
        ...request,
        references: request.references.map(ref =>
          ref.instance ? ref : { ...ref, instance: this.#defaultCluster },
        ),
      })),
      options,
    );
  }

  protected async list(
    instance: ClusterInstance,
    signal?: AbortSignal,
  ): Promise<KubeObjectIndex<KubeObject>> {
    if (instance.unusable) throw new Error(instance.unusable);
    await instance.bearerToken();
    return new KubeObjectIndex({
      client: instance.client,
      resource: this.#kind.resource,
      cluster: instance.name,
      pageSize: this.#pageSize,
      signal,
    });
  }

  protected async evidenceFor(
    reference: InstanceReference<ClusterInstance, KubeObjectIndex<KubeObject>>,
  ): Promise<CollectedEvidence[]> {
    const { ref, instance, listing } = reference;
    const match = NAMESPACED.exec(ref.id);
    if (!match) {
      return [
        {
          checkId: AB_TESTING,
          status: 'invalid',
          message: `${ref.annotation} must name the ${
            this.#kind.resource.kind
          } as namespace/name, not "${ref.id}": the ${
            this.#kind.resource.product
          } ${this.#kind.resource.plural} are namespaced`,
        },
      ];
    }
    const [, namespace, name] = match;
    const object = await (await listing()).get(namespace, name);
    return [
      this.#kind.evidence({
        cluster: instance.name,
        namespace,
        name,
        object,
        links: object
          ? dashboardLinks(
              instance.cluster,
              this.#kind.resource,
              namespace,
              name,
            )
          : [],
      }),
    ];
  }
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { MLOPS_ANNOTATIONS } from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  buildToolInstances,
  CollectedEvidence,
  CollectOptions,
  CollectorInstance,
  EvidenceRequest,
  InstanceCollector,
  InstanceReference,
  ToolReference,
  ToolResponseError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import {
  MlflowModelFacts,
  mlflowModelEvidence,
  productionVersion,
} from './mlflowEvidence';
import type {
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
} from './mlflowTypes';
import { ProductionRunBatch } from './ProductionRunBatch';

const API = '/api/2.0/mlflow';
const MODEL_PAGE = 1000;
const VERSION_PAGE = 10_000;
const EXPERIMENT_PAGE = 1000;

interface Instance extends CollectorInstance {
  championAlias: string;
}

type ModelPage = {
  registered_models?: MlflowRegisteredModel[];
  next_page_token?: string;
};
type VersionPage = {
  model_versions?: MlflowModelVersion[];
  next_page_token?: string;
};

type ExperimentPage = {
  experiments?: Array<{ experiment_id: string }>;
  next_page_token?: string;
};

interface Listing {
  instance: Instance;
  models: Map<string, MlflowRegisteredModel>;
  versions: Map<string, MlflowModelVersion[]>;
  /** Every experiment's id, listed on first use: only reading runs in batches needs them. */
  experimentIds: () => Promise<string[]>;
}

/** The run whose metrics a model's evidence needs: its production version's, when that has none. */
function productionRunId(facts: MlflowModelFacts): string | undefined {
  const production = productionVersion(facts);
  if (!facts.model || !production) return undefined;
  if (production.version.model_metrics?.length) return undefined;
  return production.version.run_id || undefined;
}

/**
 * Evidence from MLflow tracking servers and model registries (2.x and 3.x): registered models
 * and their versions are listed once per run and instance; the production version's run is
 * read only when the version carries no metrics itself, the runs of each batch of entities
 * together ({@link ProductionRunBatch}).
 *
 * @internal
 */
export class MlflowCollector extends InstanceCollector<Instance, Listing> {
  readonly id = 'mlflow';
  readonly #logger: LoggerService;
  /** The batch each request of a `collect` call belongs to. */
  readonly #batches = new WeakMap<
    EvidenceRequest,
    ProductionRunBatch<Listing>
  >();

  /** Undefined when no MLflow instance is configured. */
  static fromConfig(
    config: Config,
    logger: LoggerService,
  ): MlflowCollector | undefined {
    const instances = buildToolInstances(
      config,
      'mlflow',
      'MLflow',
      (i, client) => ({
        ...i,
        championAlias:
          i.config.getOptionalString('championAlias') ?? 'champion',
        client: client(),
      }),
    );
    return instances && new MlflowCollector(instances, logger);
  }

  constructor(instances: Instance[], logger: LoggerService) {
    super(instances);
    this.#logger = logger;
  }

  collect(
    requests: readonly EvidenceRequest[],
    options: CollectOptions,
  ): Promise<Map<string, CollectedEvidence[]>> {
    const batch = new ProductionRunBatch<Listing>(
      requests,
      (ref, request, listing) =>
        ref.annotation === MLOPS_ANNOTATIONS.mlflowRegisteredModel
          ? productionRunId(this.#modelFacts(ref, request, listing))
          : undefined,
    );
    for (const request of requests) this.#batches.set(request, batch);
    return super.collect(requests, options);
  }

  protected async evidenceFor(
    reference: InstanceReference<Instance, Listing>,
  ): Promise<CollectedEvidence[]> {
    const { ref, request, instance, listing, signal } = reference;
    if (ref.annotation === MLOPS_ANNOTATIONS.mlflowExperiment) {
      return [await this.#experimentEvidence(instance, ref.id, signal)];
    }
    const registry = await listing();
    const facts = this.#modelFacts(ref, request, registry);
    const runId = productionRunId(facts);
    let runMetrics: MlflowModelFacts['runMetrics'];
    if (runId) {
      const batch =
        this.#batches.get(request) ??
        new ProductionRunBatch<Listing>([request], () => undefined);
      runMetrics = await batch.metricsOf(
        instance,
        registry,
        { experimentIds: registry.experimentIds, signal },
        runId,
      );
    }
    return mlflowModelEvidence({ ...facts, runMetrics });
  }

  #modelFacts(
    ref: ToolReference,
    request: EvidenceRequest,
    registry: Listing,
  ): MlflowModelFacts {
    return {
      instance: registry.instance.name,
      baseUrl: registry.instance.baseUrl,
      name: ref.id,
      model: registry.models.get(ref.id),
      versions: registry.versions.get(ref.id) ?? [],
      championAlias: registry.instance.championAlias,
      declaresAutoPromotion: request.facts.promotion === 'automatic',
    };
  }

  protected async list(
    instance: Instance,
    signal?: AbortSignal,
  ): Promise<Listing> {
    const models = new Map<string, MlflowRegisteredModel>();
    let token: string | undefined;
    do {
      const page: ModelPage = await instance.client.getJson<ModelPage>(
        `${API}/registered-models/search`,
        { max_results: MODEL_PAGE, page_token: token },
        signal,
      );
      for (const m of page.registered_models ?? []) models.set(m.name, m);
      token = page.next_page_token || undefined;
    } while (token);

    const versions = new Map<string, MlflowModelVersion[]>();
    token = undefined;
    do {
      const page: VersionPage = await instance.client.getJson<VersionPage>(
        `${API}/model-versions/search`,
        { max_results: VERSION_PAGE, page_token: token },
        signal,
      );
      for (const v of page.model_versions ?? []) {
        const list = versions.get(v.name) ?? [];
        list.push(v);
        versions.set(v.name, list);
      }
      token = page.next_page_token || undefined;
    } while (token);
    this.#logger.debug(
      `Listed ${models.size} registered models from MLflow instance "${instance.name}"`,
    );
    let experimentIds: Promise<string[]> | undefined;
    return {
      instance,
      models,
      versions,
      experimentIds: () => {
        experimentIds ??= this.#listExperiments(instance, signal);
        return experimentIds;
      },
    };
  }

  async #listExperiments(
    instance: Instance,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page: ExperimentPage =
        await instance.client.postJson<ExperimentPage>(
          `${API}/experiments/search`,
          { max_results: EXPERIMENT_PAGE, page_token: token, view_type: 'ALL' },
          signal,
        );
      for (const e of page.experiments ?? []) ids.push(e.experiment_id);
      token = page.next_page_token || undefined;
    } while (token);
    return ids;
  }

  async #experimentEvidence(
    instance: Instance,
    experimentId: string,
    signal?: AbortSignal,
  ): Promise<CollectedEvidence> {
    const link = [
      {
        title: `Experiment ${experimentId} in MLflow`,
        url: `${instance.baseUrl}/#/experiments/${encodeURIComponent(
          experimentId,
        )}`,
      },
    ];
    let answer: { runs?: MlflowRun[] };
    try {
      answer = await instance.client.postJson(
        `${API}/runs/search`,
        {
          experiment_ids: [experimentId],
          max_results: 20,
          order_by: ['attributes.start_time DESC'],
        },
        signal,
      );
    } catch (error) {
      if (error instanceof ToolResponseError && error.status < 500) {
        return {
          checkId: 'experiment-tracking',
          status: 'fail',
          message: `Experiment ${experimentId} does not exist in MLflow ${instance.name}`,
        };
      }
      throw error;
    }
    const finished = (answer.runs ?? []).find(
      r => r.info?.status === 'FINISHED' && (r.data?.metrics?.length ?? 0) > 0,
    );
    if (!finished) {
      return {
        checkId: 'experiment-tracking',
        status: 'fail',
        message: `Experiment ${experimentId} has no finished run with metrics`,
        links: link,
      };
    }
    return {
      checkId: 'experiment-tracking',
      status: 'pass',
      message: `Experiment ${experimentId} has finished runs with metrics`,
      observedAt: new Date(
        Number(finished.info?.end_time ?? finished.info?.start_time),
      ),
      links: link,
    };
  }
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { MLOPS_ANNOTATIONS } from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  buildToolInstances,
  CollectedEvidence,
  CollectorInstance,
  InstanceCollector,
  InstanceReference,
  ToolResponseError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import { mlflowModelEvidence, productionVersion } from './mlflowEvidence';
import type {
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
} from './mlflowTypes';

const API = '/api/2.0/mlflow';
const MODEL_PAGE = 1000;
const VERSION_PAGE = 10_000;

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

interface Listing {
  models: Map<string, MlflowRegisteredModel>;
  versions: Map<string, MlflowModelVersion[]>;
}

/**
 * Evidence from MLflow tracking servers and model registries (2.x and 3.x): registered models
 * and their versions are listed once per run and instance; the production version's run is
 * read only when the version carries no metrics itself.
 *
 * @internal
 */
export class MlflowCollector extends InstanceCollector<Instance, Listing> {
  readonly id = 'mlflow';
  readonly #logger: LoggerService;

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

  protected async evidenceFor(
    reference: InstanceReference<Instance, Listing>,
  ): Promise<CollectedEvidence[]> {
    const { ref, request, instance, listing, signal } = reference;
    if (ref.annotation === MLOPS_ANNOTATIONS.mlflowExperiment) {
      return [await this.#experimentEvidence(instance, ref.id, signal)];
    }
    const registry = await listing();
    const versions = registry.versions.get(ref.id) ?? [];
    const facts = {
      instance: instance.name,
      baseUrl: instance.baseUrl,
      name: ref.id,
      model: registry.models.get(ref.id),
      versions,
      championAlias: instance.championAlias,
      declaresAutoPromotion: request.facts.promotion === 'automatic',
    };
    const production = productionVersion(facts);
    let runMetrics: Array<{ key: string; value: number }> | undefined;
    if (
      facts.model &&
      production &&
      !production.version.model_metrics?.length &&
      production.version.run_id
    ) {
      const run = await instance.client
        .getJson<{ run?: MlflowRun }>(
          `${API}/runs/get`,
          { run_id: production.version.run_id },
          signal,
        )
        .catch(e => {
          // A deleted run has no metrics to show; an outage is reported as unknown.
          if (e instanceof ToolResponseError) return {} as { run?: MlflowRun };
          throw e;
        });
      runMetrics = run.run?.data?.metrics ?? [];
    }
    return mlflowModelEvidence({ ...facts, runMetrics });
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
    return { models, versions };
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

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  buildToolInstances,
  CollectedEvidence,
  CollectorInstance,
  InstanceCollector,
  InstanceReference,
  ToolInstance,
  ToolUnavailableError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import {
  REGISTRY_PREFIX,
  wandbCollectionEvidence,
  WandbCollectionFacts,
} from './wandbEvidence';
import {
  ALIAS_HISTORY_QUERY,
  COLLECTION_QUERY,
  REGISTRIES_QUERY,
} from './wandbQueries';
import type {
  GraphqlAnswer,
  WandbAliasAction,
  WandbAliasHistoryAnswer,
  WandbCollectionAnswer,
  WandbRegistriesPage,
} from './wandbTypes';

const REGISTRY_PAGE = 100;
/** Alias moves read per collection; a production alias moves far less often. */
const HISTORY_MOVES = 100;

interface Instance extends CollectorInstance {
  organization: string;
  productionAlias: string;
  automationUsers: string[];
  appUrl: string;
}

interface Listing {
  orgEntity: string;
  registries: Set<string>;
}

/**
 * The W&B UI of an API URL, as the wandb SDK derives it: `api.wandb.ai` → `wandb.ai`, other
 * `api.` hosts → `app.`, anything else (W&B Server) unchanged.
 */
export function appUrlOf(apiUrl: string): string {
  if (apiUrl.includes('://api.wandb.') && !apiUrl.includes('://api.wandb.test'))
    return apiUrl.replace('://api.', '://');
  if (apiUrl.includes('://api.')) return apiUrl.replace('://api.', '://app.');
  return apiUrl;
}

/** HTTP Basic with user `api` and the API key as password, as the wandb SDK signs in. */
function wandbAuthorization(instance: ToolInstance): Record<string, string> {
  const user = instance.token ? 'api' : instance.username;
  const key = instance.token ?? instance.password;
  if (user === undefined || key === undefined) return {};
  return {
    Authorization: `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`,
  };
}

/**
 * Evidence from the W&B Registry (W&B's GraphQL API, SaaS or W&B Server): the organization's
 * registries are listed once per run and instance; each referenced collection is read once,
 * with its production and newest versions, and its production alias's history only when the
 * entity claims automatic promotion.
 *
 * @internal
 */
export class WandbCollector extends InstanceCollector<Instance, Listing> {
  readonly id = 'wandb';
  readonly #logger: LoggerService;

  /** Undefined when no W&B instance is configured. */
  static fromConfig(
    config: Config,
    logger: LoggerService,
  ): WandbCollector | undefined {
    const instances = buildToolInstances(
      config,
      'wandb',
      'W&B',
      (i, client) => ({
        ...i,
        organization: i.config.getString('organization'),
        productionAlias:
          i.config.getOptionalString('productionAlias') ?? 'production',
        automationUsers:
          i.config.getOptionalStringArray('automationUsers') ?? [],
        appUrl: (
          i.config.getOptionalString('appUrl') ?? appUrlOf(i.baseUrl)
        ).replace(/\/+$/, ''),
        client: client({ headers: () => wandbAuthorization(i) }),
      }),
    );
    return instances && new WandbCollector(instances, logger);
  }

  constructor(instances: Instance[], logger: LoggerService) {
    super(instances);
    this.#logger = logger;
  }

  protected async evidenceFor(
    reference: InstanceReference<Instance, Listing>,
  ): Promise<CollectedEvidence[]> {
    const { ref, request, instance, listing, signal } = reference;
    const parts = ref.id.split('/');
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      return [
        {
          checkId: 'experiment-tracking',
          status: 'invalid',
          message: `${ref.annotation} must name registry/collection, e.g. model/churn-classifier, not "${ref.id}"`,
        },
      ];
    }
    const [registryPart, collectionName] = parts;
    const registry = registryPart.startsWith(REGISTRY_PREFIX)
      ? registryPart.slice(REGISTRY_PREFIX.length)
      : registryPart;
    const { orgEntity, registries } = await listing();
    const facts: WandbCollectionFacts = {
      instance: instance.name,
      appUrl: instance.appUrl,
      organization: instance.organization,
      orgEntity,
      registry,
      collectionName,
      registryExists: registries.has(registry),
      productionAlias: instance.productionAlias,
      declaresAutoPromotion: request.facts.promotion === 'automatic',
      automationUsers: instance.automationUsers,
    };
    if (!facts.registryExists) return wandbCollectionEvidence(facts);

    const answer = await this.#query<WandbCollectionAnswer>(
      instance,
      'RegistryCollectionVersions',
      COLLECTION_QUERY,
      {
        entity: orgEntity,
        project: `${REGISTRY_PREFIX}${registry}`,
        collection: collectionName,
        alias: instance.productionAlias,
      },
      signal,
    );
    facts.collection = answer.project?.artifactCollection ?? undefined;
    if (!facts.declaresAutoPromotion || !facts.collection?.production?.artifact)
      return wandbCollectionEvidence(facts);
    try {
      facts.aliasHistory = await this.#aliasHistory(
        instance,
        facts.collection.id,
        signal,
      );
    } catch (error) {
      if (signal?.aborted) throw error;
      // The versions were read: only the promotion cannot be told, e.g. on a W&B Server
      // without alias history.
      const reason = error instanceof Error ? error.message : String(error);
      return wandbCollectionEvidence(facts).map(
        (e): CollectedEvidence =>
          e.checkId === 'auto-promotion'
            ? { checkId: e.checkId, status: 'unknown', message: reason }
            : e,
      );
    }
    return wandbCollectionEvidence(facts);
  }

  protected async list(
    instance: Instance,
    signal?: AbortSignal,
  ): Promise<Listing> {
    const registries = new Set<string>();
    let orgEntity = '';
    let cursor: string | undefined;
    do {
      const page = await this.#query<WandbRegistriesPage>(
        instance,
        'RegistriesOfOrganization',
        REGISTRIES_QUERY,
        {
          organization: instance.organization,
          cursor,
          perPage: REGISTRY_PAGE,
        },
        signal,
      );
      const entity = page.organization?.orgEntity;
      if (!entity) {
        throw new ToolUnavailableError(
          `W&B instance "${instance.name}" cannot see organization "${instance.organization}": it does not exist or the API key is not a member`,
        );
      }
      orgEntity = entity.name;
      for (const edge of entity.projects?.edges ?? []) {
        const name = edge.node?.name;
        if (name?.startsWith(REGISTRY_PREFIX))
          registries.add(name.slice(REGISTRY_PREFIX.length));
      }
      const info = entity.projects?.pageInfo;
      cursor = info?.hasNextPage ? info.endCursor ?? undefined : undefined;
    } while (cursor);
    this.#logger.debug(
      `Listed ${registries.size} registries of organization "${instance.organization}" from W&B instance "${instance.name}"`,
    );
    return { orgEntity, registries };
  }

  async #aliasHistory(
    instance: Instance,
    collectionId: string,
    signal?: AbortSignal,
  ): Promise<{ actions: WandbAliasAction[]; truncated: boolean }> {
    const answer = await this.#query<WandbAliasHistoryAnswer>(
      instance,
      'RegistryAliasHistory',
      ALIAS_HISTORY_QUERY,
      {
        id: collectionId,
        alias: instance.productionAlias,
        first: HISTORY_MOVES,
      },
      signal,
    );
    const history = answer.artifactCollection?.aliasActionHistory;
    return {
      actions: (history?.edges ?? []).flatMap(e => (e.node ? [e.node] : [])),
      truncated: history?.pageInfo?.hasNextPage === true,
    };
  }

  /**
   * POSTs one GraphQL operation. W&B answers errors with HTTP 200 and `errors`; those say the
   * question could not be answered (a schema this server lacks, a permission), not that the
   * thing is missing, which W&B answers with null.
   */
  async #query<T>(
    instance: Instance,
    operationName: string,
    query: string,
    variables: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<T> {
    const answer = await instance.client.postJson<GraphqlAnswer<T>>(
      '/graphql',
      { operationName, query, variables },
      signal,
    );
    if (answer?.errors?.length) {
      const reason = (answer.errors[0].message ?? 'an error').slice(0, 200);
      throw new ToolUnavailableError(
        `W&B instance "${instance.name}" could not answer ${operationName}: ${reason}`,
      );
    }
    if (!answer?.data || typeof answer.data !== 'object') {
      throw new ToolUnavailableError(
        `W&B instance "${instance.name}" answered ${operationName} without data`,
      );
    }
    return answer.data;
  }
}

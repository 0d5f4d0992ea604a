import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  authorizationHeader,
  buildToolInstances,
  CollectedEvidence,
  CollectorInstance,
  InstanceCollector,
  InstanceReference,
  ToolInstance,
  ToolUnavailableError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import {
  assetKeyString,
  dagsterJobEvidence,
  DagsterListing,
  DEFAULT_MONITORING_ASSET_PATTERN,
  findJob,
  isMonitoringAsset,
  monitoringAssetOf,
  SCHEDULE_TAG,
  SENSOR_TAG,
} from './dagsterEvidence';
import {
  ASSET_NODES_QUERY,
  jobRunsQuery,
  RunsAlias,
  WORKSPACE_QUERY,
} from './dagsterQueries';
import type {
  DagsterAssetKey,
  DagsterAssetNode,
  DagsterRun,
  DagsterRunsOrError,
  DagsterWorkspaceAnswer,
  GraphqlAnswer,
} from './dagsterTypes';

const FINISHED = ['SUCCESS', 'FAILURE', 'CANCELED'];

interface Instance extends CollectorInstance {
  monitoringPattern: RegExp;
}

/**
 * The headers that carry an instance's credentials: its `token` as `Dagster-Cloud-Api-Token`
 * (Dagster+), or as a bearer token when `tokenHeader` is `Authorization` (a proxy in front of an
 * OSS webserver); otherwise HTTP Basic from `username` and `password`, if set.
 *
 * @internal
 */
export function dagsterHeaders(instance: ToolInstance): Record<string, string> {
  if (!instance.token) return authorizationHeader(instance);
  const header =
    instance.config.getOptionalString('tokenHeader') ??
    'Dagster-Cloud-Api-Token';
  return header.toLowerCase() === 'authorization'
    ? { Authorization: `Bearer ${instance.token}` }
    : { [header]: instance.token };
}

/**
 * Evidence from Dagster (the OSS webserver or Dagster+) through its GraphQL API: the workspace's
 * jobs with their schedules, sensors and states are listed once per run and instance, with the
 * groups and tags of the assets sensors watch; each referenced job's runs launched by its
 * schedules and sensors are read in one request.
 *
 * @internal
 */
export class DagsterCollector extends InstanceCollector<
  Instance,
  DagsterListing
> {
  readonly id = 'dagster';
  readonly #logger: LoggerService;

  /** Undefined when no Dagster instance is configured. */
  static fromConfig(
    config: Config,
    logger: LoggerService,
  ): DagsterCollector | undefined {
    const instances = buildToolInstances(
      config,
      'dagster',
      'Dagster',
      (i, client) => ({
        ...i,
        monitoringPattern: monitoringPattern(i),
        client: client({ headers: () => dagsterHeaders(i) }),
      }),
    );
    return instances && new DagsterCollector(instances, logger);
  }

  constructor(instances: Instance[], logger: LoggerService) {
    super(instances);
    this.#logger = logger;
  }

  protected async evidenceFor(
    reference: InstanceReference<Instance, DagsterListing>,
  ): Promise<CollectedEvidence[]> {
    const { ref, request, instance, listing, signal } = reference;
    const [location, repository, job] = ref.id.split(':');
    const workspace = await listing();
    const lookup = findJob(
      workspace,
      `Dagster ${instance.name}`,
      location,
      repository,
      job,
    );
    if (!lookup.found && lookup.loading) {
      throw new ToolUnavailableError(
        `Dagster instance "${instance.name}" could not be asked: ${lookup.reason}`,
      );
    }
    const declaresOnDrift = request.facts.retrainCadence?.kind === 'on-drift';
    const monitoringAssets = new Map<string, string>();
    let runs: DagsterRun[] = [];
    if (lookup.found) {
      for (const sensor of lookup.sensors) {
        const asset = monitoringAssetOf(
          sensor,
          workspace.assetNodes,
          instance.monitoringPattern,
        );
        if (asset) monitoringAssets.set(sensor.name, asset);
      }
      const running = [
        ...lookup.schedules.map(s => s.scheduleState),
        ...lookup.sensors.map(s => s.sensorState),
      ].some(state => state.status === 'RUNNING');
      if (running) {
        const aliases: RunsAlias[] = [
          ...lookup.schedules.map((s, i) => ({
            alias: `schedule${i}`,
            tag: SCHEDULE_TAG as typeof SCHEDULE_TAG,
            instigator: s.name,
            statuses: FINISHED,
          })),
          ...lookup.sensors.map((s, i) => ({
            alias: `sensor${i}`,
            tag: SENSOR_TAG as typeof SENSOR_TAG,
            instigator: s.name,
            statuses: FINISHED,
          })),
          // A drift sensor's latest successes, however many failures came after them.
          ...(declaresOnDrift
            ? [...monitoringAssets.keys()].map((name, i) => ({
                alias: `drift${i}`,
                tag: SENSOR_TAG as typeof SENSOR_TAG,
                instigator: name,
                statuses: ['SUCCESS'],
              }))
            : []),
        ];
        runs = await this.#runs(instance, job, aliases, signal);
      }
    }
    return dagsterJobEvidence({
      instance: instance.name,
      baseUrl: instance.baseUrl,
      location,
      repository,
      job,
      lookup,
      runs,
      declaresOnDrift,
      monitoringAssets,
      monitoringPattern: instance.monitoringPattern.source,
    });
  }

  protected async list(
    instance: Instance,
    signal?: AbortSignal,
  ): Promise<DagsterListing> {
    const answer = await graphql<DagsterWorkspaceAnswer>(
      instance,
      WORKSPACE_QUERY,
      {},
      signal,
    );
    const workspace = answer.workspaceOrError;
    if (!('locationEntries' in workspace)) {
      throw new ToolUnavailableError(
        `Dagster instance "${instance.name}" could not list its workspace (${
          workspace.__typename
        }${workspace.message ? `: ${workspace.message}` : ''})`,
      );
    }
    const locations = new Map(workspace.locationEntries.map(e => [e.name, e]));
    const assetNodes = await this.#watchedAssets(
      instance,
      workspace.locationEntries.flatMap(e =>
        e.locationOrLoadError?.__typename === 'RepositoryLocation' &&
        'repositories' in e.locationOrLoadError
          ? e.locationOrLoadError.repositories.flatMap(r =>
              r.sensors.flatMap(s => s.metadata?.assetKeys ?? []),
            )
          : [],
      ),
      signal,
    );
    this.#logger.debug(
      `Listed ${locations.size} code locations from Dagster instance "${instance.name}"`,
    );
    return { locations, assetNodes };
  }

  /**
   * The groups and tags of watched assets whose key alone does not make them monitoring assets;
   * no request when there are none.
   */
  async #watchedAssets(
    instance: Instance,
    keys: DagsterAssetKey[],
    signal?: AbortSignal,
  ): Promise<Map<string, DagsterAssetNode>> {
    const unknown = new Map(
      keys
        .filter(
          k => !isMonitoringAsset(k, undefined, instance.monitoringPattern),
        )
        .map(k => [assetKeyString(k), k]),
    );
    if (unknown.size === 0) return new Map();
    const answer = await graphql<{ assetNodes: DagsterAssetNode[] }>(
      instance,
      ASSET_NODES_QUERY,
      { keys: [...unknown.values()].map(k => ({ path: k.path })) },
      signal,
    );
    return new Map(
      (answer.assetNodes ?? []).map(n => [assetKeyString(n.assetKey), n]),
    );
  }

  async #runs(
    instance: Instance,
    job: string,
    aliases: RunsAlias[],
    signal?: AbortSignal,
  ): Promise<DagsterRun[]> {
    const { query, variables } = jobRunsQuery(job, aliases);
    const answer = await graphql<Record<string, DagsterRunsOrError>>(
      instance,
      query,
      variables,
      signal,
    );
    const runs = new Map<string, DagsterRun>();
    for (const { alias } of aliases) {
      const result = answer[alias];
      if (!result || !('results' in result)) {
        throw new ToolUnavailableError(
          `Dagster instance "${
            instance.name
          }" could not list the runs of job "${job}" (${
            result?.__typename ?? 'no answer'
          }${
            result && 'message' in result && result.message
              ? `: ${result.message}`
              : ''
          })`,
        );
      }
      for (const run of result.results) runs.set(run.runId, run);
    }
    return [...runs.values()];
  }
}

/** The instance's `monitoringAssetPattern` as a case-insensitive regular expression. */
function monitoringPattern(instance: ToolInstance): RegExp {
  const source =
    instance.config.getOptionalString('monitoringAssetPattern') ??
    DEFAULT_MONITORING_ASSET_PATTERN;
  try {
    return new RegExp(source, 'i');
  } catch {
    throw new Error(
      `mlopsMaturity.tools.dagster instance "${
        instance.name
      }": monitoringAssetPattern ${JSON.stringify(
        source,
      )} is not a regular expression`,
    );
  }
}

/** POSTs a GraphQL document; an answer with `errors` and no data is an instance that cannot be asked. */
async function graphql<T>(
  instance: Instance,
  query: string,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<T> {
  const answer = await instance.client.postJson<GraphqlAnswer<T>>(
    '/graphql',
    { query, variables },
    signal,
  );
  if (!answer?.data || answer.errors?.length) {
    const message = answer?.errors?.[0]?.message ?? 'no data';
    throw new ToolUnavailableError(
      `Dagster instance "${
        instance.name
      }" answered the GraphQL query with an error: ${message.slice(0, 200)}`,
    );
  }
  return answer.data;
}

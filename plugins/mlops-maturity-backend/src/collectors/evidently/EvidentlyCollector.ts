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
  EvidentlyUi,
  evidentlyProjectEvidence,
  findProject,
} from './evidentlyEvidence';
import { seriesFilters } from './evidentlyMetrics';
import type {
  EvidentlyDashboard,
  EvidentlyProject,
  EvidentlySeriesResponse,
} from './evidentlyTypes';

/** The header the OSS `evidently ui --secret` checks (`evidently/ui/service/security/token.py`). */
const SECRET_HEADER = 'evidently-secret';

interface Instance extends CollectorInstance {
  ui: EvidentlyUi;
  qualityWindowDays: number;
}

/** As `drift-monitoring`'s window: two weeks of a weekly (or more frequent) monitoring job. */
const QUALITY_WINDOW_DAYS = 14;

type Listing = EvidentlyProject[];

/**
 * The headers an Evidently instance is asked with: Evidently Cloud's API key as a bearer token
 * (`token`, as `CloudWorkspace` sends an `sk_…` key), the OSS service's `--secret` in its own
 * header (`secret`; `evidently ui` guards only writes with it, so reads work without), or
 * HTTP Basic for a proxy in front.
 *
 * @internal
 */
export function evidentlyHeaders(
  instance: ToolInstance,
): Record<string, string> {
  const secret = instance.config.getOptionalString('secret');
  return {
    ...authorizationHeader(instance),
    ...(secret ? { [SECRET_HEADER]: secret } : {}),
  };
}

/**
 * Evidence from Evidently 0.7 (the OSS UI service and Evidently Cloud): the projects are
 * listed once per run and instance; each referenced project costs two requests, its
 * dashboard and one `data_series_batch` of its drift metrics and the series its quality
 * panels draw. A reference names a project by id or by name.
 *
 * @internal
 */
export class EvidentlyCollector extends InstanceCollector<Instance, Listing> {
  readonly id = 'evidently';
  readonly #logger: LoggerService;

  /** Undefined when no Evidently instance is configured. */
  static fromConfig(
    config: Config,
    logger: LoggerService,
  ): EvidentlyCollector | undefined {
    const instances = buildToolInstances(
      config,
      'evidently',
      'Evidently',
      (i, client): Instance => {
        const ui =
          i.config.getOptionalString('ui') ?? (i.token ? 'cloud' : 'oss');
        if (ui !== 'oss' && ui !== 'cloud') {
          throw new Error(
            `mlopsMaturity.tools.evidently instance "${i.name}": ui must be oss or cloud, not "${ui}"`,
          );
        }
        return {
          ...i,
          ui,
          qualityWindowDays:
            i.config.getOptionalNumber('qualityWindowDays') ??
            QUALITY_WINDOW_DAYS,
          client: client({ headers: () => evidentlyHeaders(i) }),
        };
      },
    );
    return instances && new EvidentlyCollector(instances, logger);
  }

  constructor(instances: Instance[], logger: LoggerService) {
    super(instances);
    this.#logger = logger;
  }

  protected async list(
    instance: Instance,
    signal?: AbortSignal,
  ): Promise<Listing> {
    const projects = await instance.client.getJson<unknown>(
      '/api/v2/projects',
      undefined,
      signal,
    );
    if (!Array.isArray(projects)) {
      throw new ToolUnavailableError(
        `Evidently instance "${instance.name}" answered the project list with something other than a list`,
      );
    }
    this.#logger.debug(
      `Listed ${projects.length} projects from Evidently instance "${instance.name}"`,
    );
    return projects as EvidentlyProject[];
  }

  protected async evidenceFor(
    reference: InstanceReference<Instance, Listing>,
  ): Promise<CollectedEvidence[]> {
    const { ref, instance, listing, signal } = reference;
    const found = findProject(await listing(), ref.id);
    const facts = {
      instance: instance.name,
      baseUrl: instance.baseUrl,
      ui: instance.ui,
      qualityWindowDays: instance.qualityWindowDays,
      now: new Date(),
      reference: ref.id,
      ...found,
    };
    if (!found.project) return evidentlyProjectEvidence(facts);
    const id = encodeURIComponent(found.project.id);
    const dashboard = await instance.client.getJson<EvidentlyDashboard>(
      `/api/v2/dashboards/${id}`,
      undefined,
      signal,
    );
    // No time range: the server would compare it with each snapshot's timestamp, which fails
    // for reports run without a timestamp (Evidently then stores a naive local time).
    const series = await instance.client.postJson<EvidentlySeriesResponse>(
      `/api/v2/snapshots/${id}/data_series_batch`,
      { series_filter: seriesFilters(dashboard) },
      signal,
    );
    return evidentlyProjectEvidence({ ...facts, dashboard, series });
  }
}

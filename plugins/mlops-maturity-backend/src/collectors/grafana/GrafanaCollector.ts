import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  buildToolInstances,
  CollectedEvidence,
  CollectorInstance,
  InstanceCollector,
  InstanceReference,
  ToolResponseError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import {
  matchesDashboard,
  parseDashboardSelector,
  SelectorError,
  SelectorNode,
} from './dashboardSelector';
import {
  chooseDashboard,
  DEFAULT_BUSINESS_KEYWORDS,
  DEFAULT_QUALITY_KEYWORDS,
  grafanaSelectorEvidence,
  PanelRules,
} from './grafanaEvidence';
import type { GrafanaDashboardAnswer, GrafanaSearchHit } from './grafanaTypes';

/** Grafana's largest search page (pkg/api/search.go). */
const MAX_PAGE = 5000;

interface Instance extends CollectorInstance {
  uiUrl: string;
  rules: PanelRules;
  pageSize: number;
  maxPages: number;
}

/** Every dashboard of the instance, as `/api/search` lists them. */
type Listing = GrafanaSearchHit[];

/**
 * Evidence from Grafana dashboards found by `grafana/dashboard-selector`, read as the Backstage
 * Grafana plugin reads it: a tag is searched per entity (`/api/search?tag=`); an expression is
 * evaluated over every dashboard, listed once per run and instance. One matching dashboard per
 * entity is read (`/api/dashboards/uid/:uid`): at most two requests per entity.
 *
 * @internal
 */
export class GrafanaCollector extends InstanceCollector<Instance, Listing> {
  readonly id = 'grafana';
  readonly #logger: LoggerService;

  /** Undefined when no Grafana instance is configured. */
  static fromConfig(
    config: Config,
    logger: LoggerService,
  ): GrafanaCollector | undefined {
    const instances = buildToolInstances(
      config,
      'grafana',
      'Grafana',
      (i, client) => ({
        ...i,
        uiUrl: (i.config.getOptionalString('uiUrl') ?? i.baseUrl).replace(
          /\/+$/,
          '',
        ),
        rules: {
          quality: i.config.getOptionalStringArray('qualityKeywords') ?? [
            ...DEFAULT_QUALITY_KEYWORDS,
          ],
          business: i.config.getOptionalStringArray('businessKeywords') ?? [
            ...DEFAULT_BUSINESS_KEYWORDS,
          ],
          requireBusiness:
            i.config.getOptionalBoolean('requireBusinessPanel') ?? true,
        },
        pageSize: Math.min(
          Math.max(i.config.getOptionalNumber('searchPageSize') ?? MAX_PAGE, 1),
          MAX_PAGE,
        ),
        maxPages: i.config.getOptionalNumber('searchMaxPages') ?? 20,
        client: client(),
      }),
    );
    return instances && new GrafanaCollector(instances, logger);
  }

  constructor(instances: Instance[], logger: LoggerService) {
    super(instances);
    this.#logger = logger;
  }

  protected async evidenceFor(
    reference: InstanceReference<Instance, Listing>,
  ): Promise<CollectedEvidence[]> {
    const { ref, instance, listing, signal } = reference;
    let matches: GrafanaSearchHit[];
    let isTag: boolean;
    try {
      const selector = parseDashboardSelector(ref.id);
      isTag = selector.kind === 'tag';
      matches =
        selector.kind === 'tag'
          ? await this.#search(instance, { tag: selector.tag }, signal)
          : this.#matching(instance, selector.root, await listing());
    } catch (error) {
      if (!(error instanceof SelectorError)) throw error;
      return [
        {
          checkId: 'quality-dashboard',
          status: 'invalid',
          message: `${ref.annotation} ${JSON.stringify(
            ref.id,
          )} is not a selector the Grafana plugin can use: ${error.message}`,
        },
      ];
    }
    const facts = {
      instance: instance.name,
      uiUrl: instance.uiUrl,
      selector: ref.id,
      isTag,
      matches,
      rules: instance.rules,
    };
    const hit = chooseDashboard(matches, instance.rules);
    if (!hit) return [grafanaSelectorEvidence(facts)];
    let answer: GrafanaDashboardAnswer | undefined;
    try {
      answer = await instance.client.getJson<GrafanaDashboardAnswer>(
        `/api/dashboards/uid/${encodeURIComponent(hit.uid)}`,
        undefined,
        signal,
      );
    } catch (error) {
      // Deleted between the search and now: the selector finds nothing that exists.
      if (!(error instanceof ToolResponseError && error.status === 404))
        throw error;
    }
    return [grafanaSelectorEvidence({ ...facts, read: { hit, answer } })];
  }

  protected async list(
    instance: Instance,
    signal?: AbortSignal,
  ): Promise<Listing> {
    const dashboards = await this.#search(instance, {}, signal);
    this.#logger.debug(
      `Listed ${dashboards.length} dashboards from Grafana instance "${instance.name}"`,
    );
    return dashboards;
  }

  /** The dashboards an expression selects, as the plugin evaluates it over each search hit. */
  #matching(
    instance: Instance,
    root: SelectorNode,
    dashboards: Listing,
  ): GrafanaSearchHit[] {
    return dashboards.filter(d =>
      // The plugin evaluates over hits whose URLs it made absolute.
      matchesDashboard(root, {
        ...d,
        url: `${instance.uiUrl}${d.url ?? ''}`,
        folderTitle: d.folderTitle ?? '',
        folderUrl: `${instance.uiUrl}${d.folderUrl ?? ''}`,
      }),
    );
  }

  /**
   * Grafana's dashboard search, page by page (pages start at 1; Grafana tells no total, so a
   * short page is the last).
   */
  async #search(
    instance: Instance,
    filter: { tag?: string },
    signal?: AbortSignal,
  ): Promise<GrafanaSearchHit[]> {
    const hits: GrafanaSearchHit[] = [];
    for (let page = 1; page <= instance.maxPages; page++) {
      const answer = await instance.client.getJson<GrafanaSearchHit[]>(
        '/api/search',
        { type: 'dash-db', ...filter, limit: instance.pageSize, page },
        signal,
      );
      if (!Array.isArray(answer)) {
        throw new ToolResponseError(
          `Grafana instance "${instance.name}" answered /api/search with something other than a list`,
          200,
        );
      }
      hits.push(...answer);
      // A tag search is one page: an entity costs at most two requests.
      if (answer.length < instance.pageSize || filter.tag) break;
    }
    return hits;
  }
}

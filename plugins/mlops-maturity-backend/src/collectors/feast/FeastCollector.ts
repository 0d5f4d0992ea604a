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
  ToolUnavailableError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import {
  combineEvidence,
  FeastLinks,
  feastLinks,
  FeastProjectListing,
  featureServiceEvidence,
  projectEvidence,
  serviceNotFoundEvidence,
} from './feastEvidence';
import type {
  FeastFeatureService,
  FeastFeatureView,
  FeastPagination,
  FeastProject,
} from './feastTypes';

const API = '/api/v1';
/** The registry REST server's largest page. */
const PAGE = 100;

interface Instance extends CollectorInstance {
  links: FeastLinks;
}

/** An instance's registry for one run: its projects, and each project's objects when asked. */
interface Listing {
  projects: ReadonlySet<string>;
  project(name: string): Promise<FeastProjectListing>;
}

/**
 * Evidence from Feast feature registries through the registry REST server
 * (`feast serve_registry --rest-api`, or the same API that `feast ui` serves under `/api/v1`):
 * per run and instance, the projects are listed once, and each project that a reference needs
 * has its feature services and feature views listed once.
 *
 * `feast.dev/feature-service` names the services a model reads; `feast.dev/project` scopes
 * their lookup to those projects (without it, every project is searched, and a name found in
 * several fails, asking for the project). A project named without a service on the same
 * instance passes when at least one of its feature services is materialised. All references
 * of an entity give one result.
 *
 * @internal
 */
export class FeastCollector extends InstanceCollector<Instance, Listing> {
  readonly id = 'feast';
  readonly #logger: LoggerService;

  /** Undefined when no Feast instance is configured. */
  static fromConfig(
    config: Config,
    logger: LoggerService,
  ): FeastCollector | undefined {
    const instances = buildToolInstances(
      config,
      'feast',
      'Feast',
      (i, client) => ({
        ...i,
        links: feastLinks(i.baseUrl, i.config.getOptionalString('uiUrl')),
        client: client(),
      }),
    );
    return instances && new FeastCollector(instances, logger);
  }

  constructor(instances: Instance[], logger: LoggerService) {
    super(instances);
    this.#logger = logger;
  }

  async collect(
    requests: readonly EvidenceRequest[],
    options: CollectOptions,
  ): Promise<Map<string, CollectedEvidence[]>> {
    const evidence = await super.collect(requests, options);
    for (const [entityRef, items] of evidence) {
      evidence.set(entityRef, combineEvidence(items));
    }
    return evidence;
  }

  protected async evidenceFor(
    reference: InstanceReference<Instance, Listing>,
  ): Promise<CollectedEvidence[]> {
    const { ref, request, instance, listing } = reference;
    const registry = await listing();
    const here = request.references.filter(r => r.instance === ref.instance);
    const named = (annotation: string) =>
      here.filter(r => r.annotation === annotation).map(r => r.id);
    const base = { instance: instance.name, links: instance.links };

    if (ref.annotation === MLOPS_ANNOTATIONS.feastProject) {
      // A project beside feature services only scopes their lookup.
      if (named(MLOPS_ANNOTATIONS.feastFeatureService).length > 0) return [];
      return [
        projectEvidence({
          ...base,
          project: ref.id,
          listing: registry.projects.has(ref.id)
            ? await registry.project(ref.id)
            : undefined,
        }),
      ];
    }

    const scope = named(MLOPS_ANNOTATIONS.feastProject);
    const searched = (
      scope.length > 0 ? scope : [...registry.projects].sort()
    ).filter(p => registry.projects.has(p));
    const listings = await Promise.all(
      searched.map(async p => ({ project: p, ...(await registry.project(p)) })),
    );
    const found = listings.filter(l => l.services.has(ref.id));
    if (found.length === 0 || (found.length > 1 && scope.length === 0)) {
      return [
        serviceNotFoundEvidence({
          ...base,
          name: ref.id,
          scope,
          projects: registry.projects,
          foundIn: found.map(l => l.project),
        }),
      ];
    }
    const { project, ...projectListing } = found[0];
    return [
      featureServiceEvidence({
        ...base,
        project,
        name: ref.id,
        service: projectListing.services.get(ref.id)!,
        listing: projectListing,
      }),
    ];
  }

  protected async list(
    instance: Instance,
    signal?: AbortSignal,
  ): Promise<Listing> {
    const projects = new Set(
      (
        await this.#all<FeastProject>(
          instance,
          '/projects',
          'projects',
          {},
          signal,
        )
      ).flatMap(p => (p.spec?.name ? [p.spec.name] : [])),
    );
    this.#logger.debug(
      `Listed ${projects.size} projects from Feast instance "${instance.name}"`,
    );
    const listed = new Map<string, Promise<FeastProjectListing>>();
    return {
      projects,
      project: name => {
        let listing = listed.get(name);
        if (!listing) {
          listing = this.#project(instance, name, signal);
          listed.set(name, listing);
        }
        return listing;
      },
    };
  }

  async #project(
    instance: Instance,
    project: string,
    signal?: AbortSignal,
  ): Promise<FeastProjectListing> {
    const [services, views] = await Promise.all([
      this.#all<FeastFeatureService>(
        instance,
        '/feature_services',
        'featureServices',
        { project },
        signal,
      ),
      this.#all<FeastFeatureView>(
        instance,
        '/feature_views',
        'featureViews',
        { project },
        signal,
      ),
    ]);
    const byName = <T extends { spec?: { name?: string } }>(items: T[]) =>
      new Map(items.flatMap(i => (i.spec?.name ? [[i.spec.name, i]] : [])));
    return { services: byName(services), views: byName(views) };
  }

  /** Every page of a listing; an answer without the list is not an answer. */
  async #all<T>(
    instance: Instance,
    path: string,
    key: string,
    query: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const answer = await instance.client.getJson<
        Record<string, unknown> & { pagination?: FeastPagination }
      >(`${API}${path}`, { ...query, page, limit: PAGE }, signal);
      const list = answer?.[key];
      if (!Array.isArray(list)) {
        // GET /projects answers HTTP 200 with { error } when the registry cannot be read.
        const error =
          typeof answer?.error === 'string' ? `: ${answer.error}` : '';
        throw new ToolUnavailableError(
          `Feast instance "${
            instance.name
          }" answered GET ${API}${path} without ${key}${error.slice(0, 200)}`,
        );
      }
      items.push(...(list as T[]));
      if (!answer.pagination?.hasNext || list.length === 0) return items;
    }
  }
}

import type { JsonObject } from '@backstage/types';
import type { EvidenceLink } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { FeastFeatureService, FeastFeatureView } from './feastTypes';

const CHECK = 'feature-store';

/**
 * One project of a Feast registry as the collector lists it: its feature services and its
 * feature views of every kind, by name.
 *
 * @internal
 */
export interface FeastProjectListing {
  services: Map<string, FeastFeatureService>;
  views: Map<string, FeastFeatureView>;
}

/**
 * Where the proof is shown: the Feast UI (`feast ui`) when the instance names one, else the
 * registry's REST resources.
 *
 * @internal
 */
export interface FeastLinks {
  service(project: string, name: string): EvidenceLink;
  view(project: string, name: string): EvidenceLink;
  project(project: string): EvidenceLink;
  /** The registry's projects. */
  registry(): EvidenceLink;
}

/**
 * Deep links into the Feast UI at `uiUrl` (its routes `/p/<project>/feature-service/<name>`
 * and `/p/<project>/feature-view/<name>`), or, without one, into the registry REST server at
 * `baseUrl`.
 *
 * @internal
 */
export function feastLinks(baseUrl: string, uiUrl?: string): FeastLinks {
  const e = encodeURIComponent;
  const ui = uiUrl?.replace(/\/+$/, '');
  const rest = (path: string, project: string) =>
    `${baseUrl}/api/v1/${path}?project=${e(project)}`;
  return {
    service: (project, name) => ({
      title: `Feature service ${name} in Feast`,
      url: ui
        ? `${ui}/p/${e(project)}/feature-service/${e(name)}`
        : rest(`feature_services/${e(name)}`, project),
    }),
    view: (project, name) => ({
      title: `Feature view ${name} in Feast`,
      url: ui
        ? `${ui}/p/${e(project)}/feature-view/${e(name)}`
        : rest(`feature_views/${e(name)}`, project),
    }),
    project: project => ({
      title: `Project ${project} in Feast`,
      url: ui
        ? `${ui}/p/${e(project)}`
        : `${baseUrl}/api/v1/projects/${e(project)}`,
    }),
    registry: () => ({
      title: 'Projects in Feast',
      url: ui ? `${ui}/` : `${baseUrl}/api/v1/projects`,
    }),
  };
}

/** What the views of one feature service say about materialisation. */
type ServiceState =
  | {
      ok: true;
      /** Each online view with the end of its latest materialisation, oldest first. */
      materialised: Array<{ name: string; end: Date }>;
    }
  | {
      ok: false;
      /** Why it does not prove the check, naming the views, e.g. `feature view "x" has never been materialised`. */
      reason: string;
      /** What to do about it. */
      advice: string;
      /** The views at fault, for links. */
      views: string[];
    };

const quoted = (names: string[]) => names.map(n => `"${n}"`).join(', ');
const views = (names: string[]) =>
  `feature view${names.length === 1 ? '' : 's'} ${quoted(names)}`;

/** An instant as the UI shows it, to the second. */
export const isoSeconds = (date: Date) =>
  date.toISOString().replace(/\.\d{3}Z$/, 'Z');

const parseDate = (value: string | undefined) => {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms);
};

/**
 * The end of a view's latest materialisation: the newest `endTime` of its
 * `materializationIntervals`, the data horizon the online store was loaded up to.
 *
 * @internal
 */
export function latestMaterialisation(
  view: FeastFeatureView,
): Date | undefined {
  let latest: Date | undefined;
  for (const interval of view.meta?.materializationIntervals ?? []) {
    const end = parseDate(interval.endTime);
    if (end && (!latest || end > latest)) latest = end;
  }
  return latest;
}

/** The views an on-demand view is computed from; request data needs no materialisation. */
function onDemandSources(view: FeastFeatureView): string[] {
  return Object.values(view.spec?.sources ?? {}).flatMap(source => {
    const name =
      source.featureView?.spec?.name ??
      source.featureViewProjection?.featureViewName;
    return name ? [name] : [];
  });
}

/**
 * Whether every online view a feature service serves has been materialised: on-demand views
 * count through the views they are computed from, offline-only views are not materialised by
 * design and are left out, but a service must serve at least one online view.
 *
 * @internal
 */
export function serviceState(
  service: FeastFeatureService,
  listing: FeastProjectListing,
): ServiceState {
  const missing: string[] = [];
  const never: string[] = [];
  const offline: string[] = [];
  const materialised: Array<{ name: string; end: Date }> = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const view = listing.views.get(name);
    if (!view) {
      missing.push(name);
    } else if (view.type === 'onDemandFeatureView') {
      onDemandSources(view).forEach(visit);
    } else if (view.spec?.online !== true) {
      offline.push(name);
    } else {
      const end = latestMaterialisation(view);
      if (end) materialised.push({ name, end });
      else never.push(name);
    }
  };
  for (const projection of service.spec?.features ?? []) {
    if (projection.featureViewName) visit(projection.featureViewName);
  }
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `uses ${views(missing)}, which the project does not have`,
      advice: 'apply the views or remove them from the service',
      views: [],
    };
  }
  if (never.length > 0) {
    return {
      ok: false,
      reason: `${views(never)} ${
        never.length === 1 ? 'has' : 'have'
      } never been materialised`,
      advice:
        'materialise on a schedule (feast materialize-incremental) so that the online store is fed',
      views: never,
    };
  }
  if (materialised.length === 0) {
    return {
      ok: false,
      reason:
        offline.length > 0
          ? `serves only offline ${views(offline)}, so nothing is materialised`
          : 'serves no feature view',
      advice: 'serve online views (online=True) and materialise them',
      views: offline,
    };
  }
  materialised.sort((a, b) => a.end.getTime() - b.end.getTime());
  return { ok: true, materialised };
}

/** Says which view was materialised least recently: the one that ages the proof. */
function materialisedSummary(materialised: Array<{ name: string; end: Date }>) {
  const oldest = materialised[0];
  return materialised.length === 1
    ? `its online view "${oldest.name}" was materialised up to ${isoSeconds(
        oldest.end,
      )}`
    : `its ${
        materialised.length
      } online views were materialised, the oldest, "${
        oldest.name
      }", up to ${isoSeconds(oldest.end)}`;
}

const detailsOf = (
  project: string,
  name: string,
  materialised: Array<{ name: string; end: Date }>,
): JsonObject => ({
  project,
  featureService: name,
  materialisedUpTo: Object.fromEntries(
    materialised.map(m => [m.name, m.end.toISOString()]),
  ),
});

/**
 * What the collector knows about one feature service reference, found in a project.
 *
 * @internal
 */
export interface FeastServiceFacts {
  instance: string;
  project: string;
  name: string;
  service: FeastFeatureService;
  listing: FeastProjectListing;
  links: FeastLinks;
}

/**
 * Evidence of one feature service: `pass` when every online view it serves was materialised,
 * observed at the oldest of their latest materialisations (so that the check's freshness window
 * ages it); otherwise `fail` naming the views. A pure function of what the registry answered.
 *
 * @internal
 */
export function featureServiceEvidence(
  f: FeastServiceFacts,
): CollectedEvidence {
  const state = serviceState(f.service, f.listing);
  const subject = `Feature service "${f.name}" (project ${f.project}, Feast ${f.instance})`;
  const serviceLink = f.links.service(f.project, f.name);
  if (!state.ok) {
    return {
      checkId: CHECK,
      status: 'fail',
      message: `${subject}: ${state.reason}; ${state.advice}`,
      links: [serviceLink, ...state.views.map(v => f.links.view(f.project, v))],
    };
  }
  const oldest = state.materialised[0];
  return {
    checkId: CHECK,
    status: 'pass',
    message: `${subject}: ${materialisedSummary(state.materialised)}`,
    observedAt: oldest.end,
    links: [serviceLink, f.links.view(f.project, oldest.name)],
    details: detailsOf(f.project, f.name, state.materialised),
  };
}

/**
 * Evidence for a feature service that none of the searched projects has, or that several
 * have while the entity names no project (`feast.dev/project` decides): `fail`. Not `invalid`:
 * the engine keeps a verified `fail` through an outage, so that an outage moves nothing.
 *
 * @internal
 */
export function serviceNotFoundEvidence(f: {
  instance: string;
  name: string;
  /** The projects named by `feast.dev/project`, if any. */
  scope: string[];
  /** Every project of the instance. */
  projects: ReadonlySet<string>;
  /** The projects that have a service of that name, when the entity names no project. */
  foundIn?: string[];
  links: FeastLinks;
}): CollectedEvidence {
  const where = `Feast ${f.instance}`;
  if (f.foundIn && f.foundIn.length > 1) {
    return {
      checkId: CHECK,
      status: 'fail',
      message: `Feature service "${f.name}" is in ${
        f.foundIn.length
      } projects of ${where} (${f.foundIn.join(
        ', ',
      )}); name one with feast.dev/project`,
      links: f.foundIn.map(p => f.links.service(p, f.name)),
    };
  }
  if (f.scope.length === 0) {
    return {
      checkId: CHECK,
      status: 'fail',
      message: `Feature service "${f.name}" does not exist in any project of ${where}; apply it (feast apply) or correct feast.dev/feature-service`,
      links: [f.links.registry()],
    };
  }
  const unknown = f.scope.filter(p => !f.projects.has(p));
  return {
    checkId: CHECK,
    status: 'fail',
    message: `Feature service "${f.name}" does not exist in project${
      f.scope.length === 1 ? '' : 's'
    } ${f.scope.join(', ')} of ${where}${
      unknown.length > 0
        ? ` (${where} has no project ${unknown.join(', ')})`
        : ''
    }; apply it (feast apply) or correct feast.dev/feature-service`,
    links: f.scope.filter(p => f.projects.has(p)).map(p => f.links.project(p)),
  };
}

/**
 * Evidence of a project named without a feature service: `pass` when at least one of its
 * feature services has every online view materialised (the freshest such service is the
 * proof), otherwise `fail` with the reason of each service.
 *
 * @internal
 */
export function projectEvidence(f: {
  instance: string;
  project: string;
  /** Undefined when the instance has no such project. */
  listing?: FeastProjectListing;
  links: FeastLinks;
}): CollectedEvidence {
  const where = `Feast ${f.instance}`;
  if (!f.listing) {
    return {
      checkId: CHECK,
      status: 'fail',
      message: `Project "${f.project}" does not exist in ${where}; apply the feature repository (feast apply) or correct feast.dev/project`,
    };
  }
  const projectLink = f.links.project(f.project);
  const names = [...f.listing.services.keys()].sort();
  if (names.length === 0) {
    return {
      checkId: CHECK,
      status: 'fail',
      message: `Project "${f.project}" in ${where} has no feature service; define the model's features as one and name it in feast.dev/feature-service`,
      links: [projectLink],
    };
  }
  const states = names.map(name => ({
    name,
    state: serviceState(f.listing!.services.get(name)!, f.listing!),
  }));
  const passing = states.flatMap(s =>
    s.state.ok ? [{ name: s.name, materialised: s.state.materialised }] : [],
  );
  if (passing.length === 0) {
    return {
      checkId: CHECK,
      status: 'fail',
      message: `No feature service of project "${
        f.project
      }" in ${where} has its views materialised: ${states
        .map(s => `"${s.name}": ${s.state.ok ? '' : s.state.reason}`)
        .join(
          '; ',
        )}; materialise on a schedule (feast materialize-incremental)`,
      links: [projectLink],
    };
  }
  const freshest = passing.sort(
    (a, b) => b.materialised[0].end.getTime() - a.materialised[0].end.getTime(),
  )[0];
  return {
    checkId: CHECK,
    status: 'pass',
    message: `Project "${f.project}" in ${where}: of its ${
      names.length
    } feature service${names.length === 1 ? '' : 's'}, ${passing.length} ${
      passing.length === 1 ? 'is' : 'are'
    } materialised; the freshest, "${freshest.name}": ${materialisedSummary(
      freshest.materialised,
    )}`,
    observedAt: freshest.materialised[0].end,
    links: [
      f.links.service(f.project, freshest.name),
      f.links.view(f.project, freshest.materialised[0].name),
    ],
    details: detailsOf(f.project, freshest.name, freshest.materialised),
  };
}

const SEVERITY: Record<CollectedEvidence['status'], number> = {
  fail: 3,
  invalid: 2,
  unknown: 1,
  pass: 0,
};

/**
 * One evidence item per check from the items of an entity's references, because for one
 * source any `pass` would win over its fails: every reference must pass (observed at the
 * oldest proof); otherwise a `fail` wins over an `invalid` reference, that over one that could
 * not be asked (`unknown`, so that an outage of one instance changes nothing).
 *
 * @internal
 */
export function combineEvidence(
  items: readonly CollectedEvidence[],
): CollectedEvidence[] {
  const byCheck = new Map<string, CollectedEvidence[]>();
  for (const item of items) {
    byCheck.set(item.checkId, [...(byCheck.get(item.checkId) ?? []), item]);
  }
  return [...byCheck.values()].map(group => {
    if (group.length === 1) return group[0];
    const status = group.reduce<CollectedEvidence['status']>(
      (worst, item) =>
        SEVERITY[item.status] > SEVERITY[worst] ? item.status : worst,
      'pass',
    );
    const chosen = group.filter(item => item.status === status);
    const links = new Map<string, EvidenceLink>();
    for (const item of chosen) {
      for (const link of item.links ?? []) links.set(link.url, link);
    }
    const observed = chosen.flatMap(item =>
      item.observedAt ? [item.observedAt] : [],
    );
    const combined: CollectedEvidence = {
      checkId: group[0].checkId,
      status,
      message: [...new Set(chosen.map(item => item.message))].join('; '),
    };
    if (links.size > 0) combined.links = [...links.values()];
    if (status === 'pass') {
      if (observed.length === chosen.length) {
        combined.observedAt = new Date(
          Math.min(...observed.map(d => d.getTime())),
        );
      }
      combined.details = {
        references: chosen.flatMap(item =>
          item.details ? [item.details] : [],
        ),
      };
    }
    return combined;
  });
}

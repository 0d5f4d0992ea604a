import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type {
  MaturityFilter,
  Rubric,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import express, { Request as ExpressRequest } from 'express';
import { createOpenApiRouter, spec } from '../schema/openapi';
import type { AssessmentFilter, MaturityStore } from '../store/MaturityStore';
import { entityRefKey } from '../evaluation/evaluateAssessment';
import type { EntityAssessments } from './EntityAssessments';
import type { EntityWaivers } from './EntityWaivers';
import type { MaturityAccess } from './MaturityAccess';
import {
  checkedMoment,
  checkedRange,
  filterRef,
  integerQueryParameters,
  queryDate,
  strictIntegerQuery,
} from './queryChecks';
import { mergeHistory } from './entityHistory';
import { readableRuns } from './readableRuns';
import { addWaiverRoutes } from './waiverRoutes';

/** Any route's request, as httpAuth takes it. */
type Request = ExpressRequest<any, any, any, any>;

const DAY_MS = 24 * 60 * 60 * 1000;
const TREND_DAYS = 90;

/**
 * The `from` and `to` of a query. The generated types call `from` `_from` and type both as
 * Date, but the validator leaves them as the RFC 3339 text the caller sent.
 */
function dateRange(query: object): { from?: string; to?: string } {
  return query as { from?: string; to?: string };
}

/** The range of a trend query: `from` to `to` as given, by default the last 90 days. */
function trendRange(q: { from?: string; to?: string }) {
  const to = q.to ? queryDate('to', q.to) : new Date();
  const from = q.from
    ? queryDate('from', q.from)
    : checkedMoment('from', new Date(to.getTime() - TREND_DAYS * DAY_MS));
  checkedRange(from, to);
  return { from, to };
}

/** Evenly spaced moments from `from` to `to`, both included; one when they are the same. */
function trendMoments(from: Date, to: Date, points: number) {
  if (from.getTime() === to.getTime()) return [from];
  const step = (to.getTime() - from.getTime()) / (points - 1);
  return Array.from(
    { length: points },
    (_, i) => new Date(from.getTime() + Math.round(i * step)),
  );
}

/**
 * The filter of a query (a route's or an action's input), with its references in full.
 *
 * @internal
 */
export function filterOf(q: MaturityFilter): AssessmentFilter {
  return {
    level: q.level,
    minLevel: q.minLevel,
    maxLevel: q.maxLevel,
    belowTarget: q.belowTarget,
    owner: q.owner ? filterRef('owner', q.owner, 'group') : undefined,
    system: q.system ? filterRef('system', q.system, 'system') : undefined,
    domain: q.domain ? filterRef('domain', q.domain, 'domain') : undefined,
    lifecycle: q.lifecycle,
    lastBlocker: q.lastBlocker,
    oneCheckFromTarget: q.oneCheckFromTarget,
  };
}

/**
 * Options for {@link createRouter}.
 *
 * @internal
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  access: MaturityAccess;
  assessments: EntityAssessments;
  waivers: EntityWaivers;
  store: MaturityStore;
  rubric: Rubric;
  logger: LoggerService;
}

/**
 * The plugin's HTTP API (docs/api.md): every request is validated against its contract,
 * src/schema/openapi.yaml, before a handler runs; the handlers check access and what OpenAPI
 * cannot express, and leave the work to the store and {@link EntityAssessments}.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, access, assessments, store, rubric } = options;
  const router = await createOpenApiRouter({
    middleware: [
      express.json(),
      strictIntegerQuery(integerQueryParameters(spec)),
    ],
    // Backstage's httpAuth checks credentials, with the plugin's auth policies.
    validatorOptions: { validateSecurity: false },
  });

  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  async function readable(req: Request) {
    await access.authorizeRead(await credentialsOf(req));
  }

  async function readableRefs(req: Request) {
    return access.readableRefs(await credentialsOf(req));
  }

  async function readableFilter(req: Request, filter: AssessmentFilter) {
    return access.readableFilter(await credentialsOf(req), filter);
  }

  /** The entity a route's path names, as a normalized ref, and the caller. */
  async function entityOf(req: Request) {
    const credentials = await credentialsOf(req);
    // The contract keeps `/`, `:`, `,` and control characters out of the parts.
    const { kind, namespace, name } = req.params;
    return { ref: entityRefKey(`${kind}:${namespace}/${name}`), credentials };
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/v1/rubric', async (req, res) => {
    await readable(req);
    res.json(rubric as any);
  });

  router.get('/v1/entities', async (req, res) => {
    const q = req.query;
    if (
      q.lastBlocker !== undefined &&
      !rubric.checks.some(c => c.id === q.lastBlocker)
    ) {
      throw new InputError(
        `Invalid query parameter lastBlocker: the rubric has no check ${JSON.stringify(
          q.lastBlocker,
        )}`,
      );
    }
    const filter = await readableFilter(req, filterOf(q));
    res.json(
      await store.listAssessments(filter, {
        limit: q.limit ?? 100,
        cursor: q.cursor,
      }),
    );
  });

  router.get('/v1/scorecard', async (req, res) => {
    const q = req.query;
    const filter = await readableFilter(req, filterOf(q));
    res.json(await store.getScorecard(q.groupBy ?? 'owner', filter));
  });

  router.get('/v1/scorecard/trend', async (req, res) => {
    const q = req.query;
    const { from, to } = trendRange(dateRange(q));
    const filter = await readableFilter(req, filterOf(q));
    let start = from;
    if (dateRange(q).from === undefined) {
      // By default the trend starts at the first recorded assessment, not with a flat line of
      // zeros before it; with no assessment by `to` there is nothing to draw.
      const first = await store.getFirstAssessedAt(filter);
      if (!first || first > to) {
        res.json({ points: [] });
        return;
      }
      if (first > start) start = first;
    }
    res.json(
      await store.getTrend(trendMoments(start, to, q.points ?? 13), filter),
    );
  });

  router.get('/v1/scorecard/leverage', async (req, res) => {
    const q = req.query;
    const filter = await readableFilter(req, filterOf(q));
    res.json(await store.getLeverage(filter, q.limit ?? 20));
  });

  router.get('/v1/facets', async (req, res) => {
    res.json(await store.getFacets(await readableFilter(req, {})));
  });

  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const { ref, credentials } = await entityOf(req);
    const assessment = await assessments.readJson(credentials, ref);
    // The stored JSON text is sent as it is, unparsed; the typed response would want an object.
    (res as express.Response).type('application/json').send(assessment);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/history',
    async (req, res) => {
      const range = dateRange(req.query);
      const from = range.from ? queryDate('from', range.from) : undefined;
      const to = range.to ? queryDate('to', range.to) : undefined;
      checkedRange(from, to);
      const { ref, credentials } = await entityOf(req);
      await access.authorizeEntity(credentials, ref);
      const [assessmentHistory, waiverHistory] = await Promise.all([
        store.getHistory(ref, { from, to }),
        store.getWaiverHistory(ref, { from, to }),
      ]);
      res.json(mergeHistory(assessmentHistory, waiverHistory));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/refresh',
    async (req, res) => {
      const { ref, credentials } = await entityOf(req);
      res.json(await assessments.refresh(credentials, ref));
    },
  );

  addWaiverRoutes(router, { waivers: options.waivers, entityOf });

  router.get('/v1/runs', async (req, res) => {
    const visibleRefs = await readableRefs(req);
    res.json({ items: readableRuns(await store.listRuns(20), visibleRefs) });
  });

  // Any other path or method under the plugin answers a JSON 404, as the routes do.
  router.use((_req, _res, next) => {
    next(new NotFoundError('No such route'));
  });

  return router;
}

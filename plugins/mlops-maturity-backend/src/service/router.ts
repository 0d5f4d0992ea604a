import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  mlopsMaturityAssessmentReadPermission,
  mlopsMaturityAssessmentRefreshPermission,
  Rubric,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import type { AssessmentFilter, MaturityStore } from '../store/MaturityStore';
import { entityRefKey } from '../evaluation/evaluateAssessment';
import type { AssessmentEngine } from '../engine/AssessmentEngine';
import type { EntityVisibility } from './EntityVisibility';

const level = z.coerce.number().int().min(0).max(4);
const refLike = z.string().min(1).max(512);

const listQuery = z
  .object({
    level: level.optional(),
    minLevel: level.optional(),
    maxLevel: level.optional(),
    belowTarget: z.enum(['true', 'false']).optional(),
    owner: refLike.optional(),
    system: refLike.optional(),
    domain: refLike.optional(),
    lifecycle: z.string().min(1).max(255).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .strict();

const scorecardQuery = listQuery
  .omit({ limit: true, cursor: true })
  .extend({
    groupBy: z
      .enum(['owner', 'system', 'domain', 'lifecycle'])
      .default('owner'),
  })
  .strict();

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDate = z
  .string()
  .max(64)
  .refine(v => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date')
  .transform(v => new Date(v));

const historyQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .strict();

const trendQuery = listQuery
  .pick({ owner: true, system: true, domain: true, lifecycle: true })
  .extend({
    from: isoDate.optional(),
    to: isoDate.optional(),
    points: z.coerce.number().int().min(2).max(60).default(13),
  })
  .strict();

/** Evenly spaced moments from `from` to `to` (default: the last 90 days), both included. */
function trendMoments(q: z.infer<typeof trendQuery>): Date[] {
  const to = q.to ?? new Date();
  const from = q.from ?? new Date(to.getTime() - 90 * DAY_MS);
  if (from > to) throw new InputError('from must not be after to');
  const step = (to.getTime() - from.getTime()) / (q.points - 1);
  return Array.from(
    { length: q.points },
    (_, i) => new Date(from.getTime() + Math.round(i * step)),
  );
}

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  if (Array.isArray(value))
    throw new InputError('Repeated query parameters are not supported');
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new InputError(`Invalid query parameter ${where}${issue.message}`);
  }
  return result.data;
}

function normalizeRef(value: string, defaultKind: string): string {
  try {
    return entityRefKey(
      stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
      ),
    );
  } catch {
    throw new InputError(`"${value.slice(0, 100)}" is not an entity reference`);
  }
}

function filterOf(
  q: Omit<z.infer<typeof scorecardQuery>, 'groupBy'>,
): AssessmentFilter {
  return {
    level: q.level,
    minLevel: q.minLevel,
    maxLevel: q.maxLevel,
    belowTarget:
      q.belowTarget === undefined ? undefined : q.belowTarget === 'true',
    owner: q.owner ? normalizeRef(q.owner, 'group') : undefined,
    system: q.system ? normalizeRef(q.system, 'system') : undefined,
    domain: q.domain ? normalizeRef(q.domain, 'domain') : undefined,
    lifecycle: q.lifecycle,
  } as AssessmentFilter;
}

/**
 * Options for {@link createRouter}.
 *
 * @internal
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: MaturityStore;
  engine: AssessmentEngine;
  visibility: EntityVisibility;
  rubric: Rubric;
  logger: LoggerService;
}

/**
 * The plugin's HTTP API (docs/api.md; the contract is src/schema/openapi.yaml): validation
 * and access checks; the work is in the store and the engine.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, store, engine, visibility, rubric } = options;
  const router = Router();
  router.use(express.json());

  async function authorizeRead(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: mlopsMaturityAssessmentReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not read MLOps maturity assessments');
    }
  }

  async function readable(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizeRead(credentials);
    return credentials;
  }

  /** The read permission and the refs the caller may see, asked in parallel. */
  async function readableFilter(req: Request, filter: AssessmentFilter) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [, visibleRefs] = await Promise.all([
      authorizeRead(credentials),
      visibility.visibleRefs(credentials),
    ]);
    return { ...filter, visibleRefs };
  }

  function pathRef(req: Request): string {
    const { kind, namespace, name } = req.params;
    if ([kind, namespace, name].some(p => !p || p.length > 253)) {
      throw new NotFoundError('No such entity');
    }
    return entityRefKey(`${kind}:${namespace}/${name}`);
  }

  async function readableEntity(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const ref = pathRef(req);
    const [, canRead] = await Promise.all([
      authorizeRead(credentials),
      visibility.canRead(ref, credentials),
    ]);
    if (!canRead) {
      throw new NotFoundError(`No entity ${ref}`);
    }
    return { ref, credentials };
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/v1/rubric', async (req, res) => {
    await readable(req);
    res.json(rubric);
  });

  router.get('/v1/entities', async (req, res) => {
    const q = parse(listQuery, req.query);
    const filter = await readableFilter(req, filterOf(q));
    res.json(
      await store.listAssessments(filter, { limit: q.limit, cursor: q.cursor }),
    );
  });

  router.get('/v1/scorecard', async (req, res) => {
    const q = parse(scorecardQuery, req.query);
    const filter = await readableFilter(req, filterOf(q));
    res.json(await store.getScorecard(q.groupBy, filter));
  });

  router.get('/v1/scorecard/trend', async (req, res) => {
    const q = parse(trendQuery, req.query);
    const moments = trendMoments(q);
    const filter = await readableFilter(
      req,
      filterOf({
        owner: q.owner,
        system: q.system,
        domain: q.domain,
        lifecycle: q.lifecycle,
      }),
    );
    res.json(await store.getTrend(moments, filter));
  });

  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const { ref } = await readableEntity(req);
    const assessment = await store.getAssessmentJson(ref);
    if (!assessment) {
      throw new NotFoundError(
        `${ref} has not been assessed: it is not selected as an ML service, or its first assessment has not run yet`,
      );
    }
    res.type('application/json').send(assessment);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/history',
    async (req, res) => {
      const q = parse(historyQuery, req.query);
      if (q.from && q.to && q.from > q.to)
        throw new InputError('from must not be after to');
      const { ref } = await readableEntity(req);
      res.json(await store.getHistory(ref, q));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/refresh',
    async (req, res) => {
      const { ref, credentials } = await readableEntity(req);
      const [decision] = await permissions.authorize(
        [
          {
            permission: mlopsMaturityAssessmentRefreshPermission,
            resourceRef: ref,
          },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You may not refresh the assessment of ${ref}`,
        );
      }
      const assessment = await engine.assessOne(ref);
      if (!assessment) {
        throw new NotFoundError(`${ref} is not selected as an ML service`);
      }
      res.json(await store.getAssessment(ref));
    },
  );

  router.get('/v1/runs', async (req, res) => {
    await readable(req);
    res.json({ items: await store.listRuns(20) });
  });

  return router;
}

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { mlService } from './__testUtils__/assessments';
import { createTestDatabases } from './__testUtils__/databases';
import { RunsLedger } from './store/RunsLedger';
import {
  HIDDEN_FROM,
  ownerOnlyCatalogPolicy,
  startMaturityBackend,
} from './__testUtils__/startMaturityBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/mlops-maturity';
const nonMl = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

describe.each(databases.eachSupportedId())('the HTTP API on %p', databaseId => {
  async function start(
    extra: Partial<Parameters<typeof startMaturityBackend>[0]> = {},
  ) {
    const knex = await databases.init(databaseId);
    const backend = await startMaturityBackend({
      knex,
      entities: [
        mlService('churn', { level: 2, owner: 'team-a', system: 'crm' }),
        mlService('fraud', {
          level: 4,
          owner: 'team-a',
          tags: ['fraud-detection'],
        }),
        mlService('secret-model', {
          level: 1,
          owner: 'team-b',
          annotations: { [HIDDEN_FROM]: 'user:default/mock' },
        }),
        nonMl,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'System',
          metadata: { name: 'crm', namespace: 'default' },
          spec: { owner: 'team-a', domain: 'sales' },
        },
      ],
      ...extra,
    });
    await backend.runAssessment();
    return { ...backend, knex };
  }
  // The requests that change nothing share one backend per database: each start takes a second.
  let readOnly: ReturnType<typeof start> | undefined;
  const readOnlyServer = async () => (await (readOnly ??= start())).server;
  // The same, where the catalog shows only team-a's entities, for requests that are refused.
  let conditional: ReturnType<typeof start> | undefined;
  const conditionalServer = async () =>
    (await (conditional ??= start({ permissions: ownerOnlyCatalogPolicy() })))
      .server;

  it('answers /health without credentials', async () => {
    const server = await readOnlyServer();
    const res = await request(server)
      .get(`${base}/health`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it.each([
    ['get', '/v1/rubric'],
    ['get', '/v1/entities'],
    ['get', '/v1/scorecard'],
    ['get', '/v1/scorecard/trend'],
    ['get', '/v1/runs'],
    ['get', '/v1/entities/component/default/churn'],
    ['get', '/v1/entities/component/default/churn/history'],
    ['post', '/v1/entities/component/default/churn/refresh'],
  ])('answers %s %s without credentials with 401', async (method, path) => {
    const server = await readOnlyServer();
    const res = await (request(server) as any)
      [method](`${base}${path}`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('serves the assessment of one entity', async () => {
    const { server } = await start();
    const res = await request(server).get(
      `${base}/v1/entities/component/default/churn`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/churn',
      level: 2,
      verifiedLevel: 0,
      targetLevel: 3,
      meetsTarget: false,
      skippedFoundations: false,
      owner: 'group:default/team-a',
      system: 'system:default/crm',
      domain: 'domain:default/sales',
      problems: [],
      rubricVersion: expect.stringMatching(/^[0-9a-f]{12}$/),
      nextLevel: { level: 3, effort: '4–8 weeks', blockers: expect.any(Array) },
    });
    expect(res.body.checks).toHaveLength(12);
    expect(res.body.checks[0]).toEqual({
      id: 'training-script',
      level: 1,
      title: 'Training is a script',
      status: 'declared',
      message:
        'Declared by mlops-maturity.io/training-entrypoint: "src/train.py"',
      source: 'annotation',
      links: [],
      stale: false,
      counts: true,
    });
  });

  it('answers 404 for entities that are unknown, unreadable or not ML services', async () => {
    const { server } = await start({ permissions: ownerOnlyCatalogPolicy() });
    for (const path of [
      'component/default/nope',
      'component/default/secret-model',
      'component/default/checkout-api',
    ]) {
      const res = await request(server).get(`${base}/v1/entities/${path}`);
      expect(res.status).toBe(404);
      expect(res.body.error.message).not.toBe('');
    }
    expect(
      (
        await request(server).get(
          `${base}/v1/entities/component/default/secret-model/history`,
        )
      ).status,
    ).toBe(404);
  });

  it('lists assessments with filters and paging', async () => {
    const { server } = await start();
    const all = await request(server).get(`${base}/v1/entities?limit=1`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items).toHaveLength(1);
    const next = await request(server).get(
      `${base}/v1/entities?limit=5&cursor=${all.body.nextCursor}`,
    );
    expect(next.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/fraud',
      'component:default/secret-model',
    ]);
    const filtered = await request(server).get(
      `${base}/v1/entities?minLevel=2&owner=team-a&belowTarget=false`,
    );
    expect(filtered.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/fraud',
    ]);
  });

  it('aggregates the scorecard', async () => {
    const { server } = await start();
    const res = await request(server).get(`${base}/v1/scorecard?groupBy=owner`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 3,
      byLevel: { 0: 0, 1: 1, 2: 1, 3: 0, 4: 1 },
      // Without live evidence every level is declared but unproven.
      byVerifiedLevel: { 0: 3, 1: 0, 2: 0, 3: 0, 4: 0 },
      meetsTarget: 1,
      unprovenLevels: 7,
      unproven: 3,
      groupBy: 'owner',
      groups: [
        {
          key: 'group:default/team-a',
          total: 2,
          byVerifiedLevel: { 0: 2, 1: 0, 2: 0, 3: 0, 4: 0 },
          unprovenLevels: 6,
          unproven: 2,
        },
        {
          key: 'group:default/team-b',
          total: 1,
          unprovenLevels: 1,
          unproven: 1,
        },
      ],
    });
    expect(res.body.topBlockers.length).toBeGreaterThan(0);
    const byDomain = await request(server).get(
      `${base}/v1/scorecard?groupBy=domain`,
    );
    expect(byDomain.body.groups.map((g: any) => g.key)).toContain(
      'domain:default/sales',
    );
    const inSales = await request(server).get(
      `${base}/v1/entities?domain=sales`,
    );
    expect(inSales.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/churn',
        domain: 'domain:default/sales',
        lifecycle: 'production',
      }),
    ]);
  });

  it('serves the trend of the distribution', async () => {
    const { server } = await start({ permissions: ownerOnlyCatalogPolicy() });
    const res = await request(server).get(
      `${base}/v1/scorecard/trend?from=2000-01-01T00:00:00Z&points=3`,
    );
    expect(res.status).toBe(200);
    expect(res.body.points).toHaveLength(3);
    expect(res.body.points[0]).toEqual({
      at: '2000-01-01T00:00:00.000Z',
      total: 0,
      byLevel: { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 },
      meetsTarget: 0,
    });
    // The last point is now: the readable services as the scorecard counts them.
    expect(res.body.points[2]).toMatchObject({
      total: 2,
      byLevel: { 2: 1, 4: 1 },
      meetsTarget: 1,
    });
    const byOwner = await request(server).get(
      `${base}/v1/scorecard/trend?owner=team-b&points=2`,
    );
    // team-b's only service is hidden from the caller: no assessment, no trend.
    expect(byOwner.body.points).toEqual([]);
  });

  it('serves history and the rubric', async () => {
    const { server } = await start();
    const history = await request(server).get(
      `${base}/v1/entities/component/default/churn/history?from=2000-01-01T00:00:00Z`,
    );
    expect(history.status).toBe(200);
    expect(history.body).toEqual([
      expect.objectContaining({
        level: 2,
        verifiedLevel: 0,
        targetLevel: 3,
        rubricChanged: false,
      }),
    ]);
    const rubric = await request(server).get(`${base}/v1/rubric`);
    expect(rubric.body.checks).toHaveLength(12);
    expect(rubric.body.version).toMatch(/^[0-9a-f]{12}$/);
    // Each check names what declares it and the sources that can verify it.
    expect(
      rubric.body.checks.find((c: any) => c.id === 'quality-gate'),
    ).toMatchObject({
      annotations: [
        {
          key: 'mlops-maturity.io/quality-gate',
          kind: 'repository',
          workflowRunsProve: true,
        },
      ],
      verifiers: [
        { source: 'github', supersedes: ['repository'] },
        { source: 'mlflow' },
        { source: 'repository' },
      ],
    });
  });

  it.each([
    '/v1/entities?level=7',
    '/v1/entities?limit=501',
    '/v1/entities?limit=0',
    '/v1/entities?belowTarget=maybe',
    '/v1/entities?unknown=1',
    '/v1/entities?level=1&level=2',
    '/v1/entities?owner=',
    '/v1/scorecard?groupBy=colour',
    '/v1/scorecard/trend?points=1',
    '/v1/scorecard/trend?level=2',
    '/v1/scorecard/trend?from=2026-02-01&to=2026-01-01',
    '/v1/entities/component/default/churn/history?from=yesterday',
    '/v1/entities/component/default/churn/history?from=2026-02-01&to=2026-01-01',
    // Once read as level 0.
    '/v1/entities?level=',
    '/v1/scorecard?minLevel=%20',
    // NUL once reached PostgreSQL, which answered 500; a cursor of "AA" decodes to one.
    '/v1/entities?cursor=AA',
    '/v1/entities?lifecycle=%00',
    '/v1/scorecard?owner=team%00a',
    '/v1/entities/component/default/chu%00rn',
    // Years PostgreSQL cannot store (once a 500), given or derived (the trend starts 90 days
    // before `to`).
    '/v1/entities/component/default/churn/history?from=-271821-04-20T00:00:00Z',
    '/v1/entities/component/default/churn/history?from=0000-01-01T00:00:00Z',
    '/v1/scorecard/trend?to=0001-01-02T00:00:00Z',
  ])('answers %s with 400 and a message', async path => {
    const server = await readOnlyServer();
    const res = await request(server).get(`${base}${path}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/\S/);
  });

  it.each([
    // The catalog cannot parse a kind with a slash: once a 500 under a conditional policy.
    ['get', '/v1/entities/a%2Fb/default/churn'],
    ['get', '/v1/entities/a%2Fb/default/churn/history'],
    // The refresh's catalog query once threw on it.
    ['post', '/v1/entities/a%2Fb/default/churn/refresh'],
    // A comma once split the refresh's catalog filter into two names.
    ['post', '/v1/entities/component/default/churn,fraud/refresh'],
    ['get', '/v1/entities/component/default/churn%2Cfraud'],
    ['get', '/v1/entities/component/a:b/churn'],
  ])(
    'answers %s %s, a path that cannot name an entity, with 400',
    async (method, path) => {
      const server = await conditionalServer();
      const res = await (request(server) as any)[method](`${base}${path}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/\S/);
    },
  );

  it('lists the failures of runs only for entities the caller may read, with the whole run counts', async () => {
    const { server, knex } = await start({
      permissions: ownerOnlyCatalogPolicy(),
    });
    const at = new Date('2026-01-01T00:00:00.000Z');
    const run = {
      trigger: 'manual' as const,
      startedAt: at,
      finishedAt: at,
      status: 'completed' as const,
      selected: 3,
      assessed: 1,
      changed: 0,
      failed: 2,
      removed: 0,
      removalHeld: 0,
    };
    await new RunsLedger(knex).record({
      ...run,
      failures: [
        { entityRef: 'component:default/secret-model', message: 'boom' },
        { entityRef: 'component:default/churn', message: 'bang' },
      ],
    });
    const res = await request(server).get(`${base}/v1/runs`);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toEqual({
      ...run,
      startedAt: at.toISOString(),
      finishedAt: at.toISOString(),
      failures: [{ entityRef: 'component:default/churn', message: 'bang' }],
    });
    expect(JSON.stringify(res.body)).not.toContain('secret-model');
  });

  it('refreshes for callers the policy allows, and 403 otherwise', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            r.permission.name === 'mlops-maturity.assessment.refresh' &&
            ![
              'component:default/fraud',
              'component:default/checkout-api',
            ].includes((r as any).resourceRef)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    });
    const { server } = await start({ permissions });
    const denied = await request(server).post(
      `${base}/v1/entities/component/default/churn/refresh`,
    );
    expect(denied.status).toBe(403);
    const allowed = await request(server).post(
      `${base}/v1/entities/component/default/fraud/refresh`,
    );
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({
      entityRef: 'component:default/fraud',
      level: 4,
      targetLevel: 3,
    });
    expect(
      (
        await request(server).post(
          `${base}/v1/entities/component/default/checkout-api/refresh`,
        )
      ).status,
    ).toBe(404);
  });

  it('denies reads when the read permission is denied', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    });
    const { server } = await start({ permissions });
    expect((await request(server).get(`${base}/v1/scorecard`)).status).toBe(
      403,
    );
  });

  it('leaves unreadable entities out of lists and counts under a conditional catalog policy', async () => {
    const { server } = await start({ permissions: ownerOnlyCatalogPolicy() });
    const list = await request(server).get(`${base}/v1/entities`);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((i: any) => i.entityRef)).not.toContain(
      'component:default/secret-model',
    );
    const scorecard = await request(server).get(`${base}/v1/scorecard`);
    expect(scorecard.body.total).toBe(2);
    // secret-model's declared level is not counted as unproven either.
    expect(scorecard.body).toMatchObject({
      byVerifiedLevel: { 0: 2 },
      unprovenLevels: 6,
      unproven: 2,
    });
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { annotationsForLevel, mlService } from '../__testUtils__/assessments';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  HIDDEN_FROM,
  ownerOnlyCatalogPolicy,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const base = '/api/mlops-maturity/v1/entities/component/default';
const DAY_MS = 86_400_000;
const inDays = (days: number) =>
  new Date(Date.now() + days * DAY_MS).toISOString();

/**
 * Level 2 with every level 3 check declared but A/B testing: its only blocker of level 3.
 */
const oneBlockerAway = mlService('churn', {
  level: 2,
  owner: 'team-a',
  annotations: {
    'evidentlyai.com/project-id': 'p1',
    'mlops-maturity.io/quality-dashboard': 'https://grafana.example/d/1',
  },
});

/**
 * Allows everything, except the waiver permission on the entities named; the catalog shows
 * the caller only team-a's entities, as a real catalog policy would.
 */
function policyDenyingWaiversOf(...refs: string[]) {
  const catalogPolicy = ownerOnlyCatalogPolicy();
  return mockServices.permissions.mock({
    authorizeConditional: catalogPolicy.authorizeConditional,
    authorize: async requests =>
      requests.map(r => ({
        result:
          r.permission.name === 'mlops-maturity.waiver.create' &&
          refs.includes((r as any).resourceRef)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
}

describe.each(databases.eachSupportedId())('the waiver routes on %p', id => {
  async function start(
    permissions = policyDenyingWaiversOf('component:default/fraud'),
  ) {
    const knex = await databases.init(id);
    const backend = await startMaturityBackend({
      knex,
      permissions,
      entities: [
        oneBlockerAway,
        mlService('fraud', { level: 2, owner: 'team-a' }),
        mlService('secret-model', {
          level: 1,
          owner: 'team-b',
          annotations: { [HIDDEN_FROM]: 'user:default/mock' },
        }),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout-api', namespace: 'default' },
          spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
        },
      ],
    });
    await backend.runAssessment();
    return backend;
  }

  const body = (overrides: Record<string, unknown> = {}) => ({
    checkId: 'ab-testing',
    reason: 'Batch scoring: there is no live traffic to split',
    expiresAt: inDays(90),
    ...overrides,
  });

  it('grants a waiver that lifts the level but not the verified level, lists it, counts it and records it in history', async () => {
    const { server } = await start();
    const before = await request(server).get(`${base}/churn`);
    expect(before.body).toMatchObject({ level: 2, waivedChecks: 0 });
    expect(before.body.nextLevel.blockers.map((b: any) => b.checkId)).toEqual([
      'ab-testing',
    ]);

    const granted = await request(server)
      .post(`${base}/churn/waivers`)
      .send(body());
    expect(granted.status).toBe(201);
    expect(granted.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      entityRef: 'component:default/churn',
      checkId: 'ab-testing',
      reason: 'Batch scoring: there is no live traffic to split',
      author: 'user:default/mock',
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });

    // Re-assessed before the answer: the next read has the new level.
    const after = (await request(server).get(`${base}/churn`)).body;
    expect(after).toMatchObject({
      level: 3,
      verifiedLevel: before.body.verifiedLevel,
      waivedChecks: 1,
      waivers: [granted.body],
    });
    expect(after.checks.find((c: any) => c.id === 'ab-testing')).toMatchObject({
      status: 'waived',
      waivedStatus: 'not-declared',
      counts: true,
    });

    const list = await request(server).get(
      '/api/mlops-maturity/v1/entities?owner=team-a',
    );
    expect(
      list.body.items.map((i: any) => [i.entityRef, i.waivedChecks]),
    ).toEqual([
      ['component:default/churn', 1],
      ['component:default/fraud', 0],
    ]);
    const scorecard = await request(server).get(
      '/api/mlops-maturity/v1/scorecard',
    );
    expect(scorecard.body.waivedChecks).toBe(1);
    expect(
      scorecard.body.groups.find((g: any) => g.key === 'group:default/team-a'),
    ).toMatchObject({ waivedChecks: 1 });

    const history = (await request(server).get(`${base}/churn/history`)).body;
    expect(history.slice(-2)).toEqual([
      {
        kind: 'waiver',
        at: granted.body.createdAt,
        action: 'granted',
        actor: 'user:default/mock',
        waiver: granted.body,
      },
      expect.objectContaining({
        level: 3,
        changes: [
          { checkId: 'ab-testing', from: 'not-declared', to: 'waived' },
        ],
      }),
    ]);
  });

  it('revokes a waiver once: the level falls back and history records who revoked it', async () => {
    const { server } = await start();
    const granted = (
      await request(server).post(`${base}/churn/waivers`).send(body())
    ).body;
    const revoked = await request(server).delete(
      `${base}/churn/waivers/${granted.id}`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({
      ...granted,
      revokedAt: expect.any(String),
      revokedBy: 'user:default/mock',
    });
    const after = (await request(server).get(`${base}/churn`)).body;
    expect(after).toMatchObject({ level: 2, waivedChecks: 0 });
    expect(after.waivers).toBeUndefined();

    const history = (await request(server).get(`${base}/churn/history`)).body;
    expect(
      history
        .filter((e: any) => e.kind === 'waiver')
        .map((e: any) => [e.action, e.actor]),
    ).toEqual([
      ['granted', 'user:default/mock'],
      ['revoked', 'user:default/mock'],
    ]);
    expect(history[history.length - 1]).toMatchObject({
      level: 2,
      changes: [{ checkId: 'ab-testing', from: 'waived', to: 'not-declared' }],
    });

    const again = await request(server).delete(
      `${base}/churn/waivers/${granted.id}`,
    );
    expect(again.status).toBe(409);
    expect(
      (await request(server).delete(`${base}/churn/waivers/424242`)).status,
    ).toBe(404);
    // A waiver of one entity cannot be revoked through another.
    expect(
      (await request(server).delete(`${base}/fraud/waivers/${granted.id}`))
        .status,
    ).toBe(403);
  });

  it('answers 400 for an unknown check, a missing or blank reason and an expiry in the past or beyond a year, and 409 for a second active waiver', async () => {
    const { server } = await start();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [body({ checkId: 'no-such-check' }), /Unknown check "no-such-check"/],
      [body({ reason: '   ' }), /needs a reason/],
      [body({ reason: '\u0000 ' }), /needs a reason/],
      [{ checkId: 'ab-testing', expiresAt: inDays(30) }, /reason/],
      [body({ expiresAt: inDays(-1) }), /not in the future/],
      [body({ expiresAt: inDays(366) }), /more than 365 days ahead/],
      [body({ expiresAt: 'next week' }), /expiresAt/],
      [body({ extra: true }), /additional properties/],
    ];
    for (const [payload, message] of cases) {
      const res = await request(server)
        .post(`${base}/churn/waivers`)
        .send(payload);
      expect({ payload, status: res.status }).toEqual({ payload, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
    // PostgreSQL refuses NUL bytes that SQLite takes: they are dropped, not a 500.
    const withNul = await request(server)
      .post(`${base}/churn/waivers`)
      .send(body({ reason: 'Batch\u0000 scoring' }));
    expect(withNul.status).toBe(201);
    expect(withNul.body.reason).toBe('Batch scoring');
    const second = await request(server)
      .post(`${base}/churn/waivers`)
      .send(body({ reason: 'again' }));
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/already has an active waiver/);
    // Nothing of the refused requests was recorded.
    const history = (await request(server).get(`${base}/churn/history`)).body;
    expect(history.filter((e: any) => e.kind === 'waiver')).toHaveLength(1);
  });

  it('answers 403 to a caller the policy denies and 404 for an entity the caller may not read or that is not assessed', async () => {
    const { server } = await start();
    const denied = await request(server)
      .post(`${base}/fraud/waivers`)
      .send(body({ checkId: 'drift-monitoring' }));
    expect(denied.status).toBe(403);
    expect(denied.body.error.name).toBe('NotAllowedError');
    for (const name of ['secret-model', 'checkout-api', 'nope']) {
      const res = await request(server)
        .post(`${base}/${name}/waivers`)
        .send(body());
      expect({ name, status: res.status }).toEqual({ name, status: 404 });
      expect(
        (await request(server).delete(`${base}/${name}/waivers/1`)).status,
      ).toBe(404);
    }
    expect(
      (await request(server).get(`${base}/fraud/history`)).body.filter(
        (e: any) => e.kind === 'waiver',
      ),
    ).toEqual([]);
  });

  it('stops counting an expired waiver at the next assessment, and records the expiry', async () => {
    const { server, runAssessment } = await start();
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const granted = await request(server)
      .post(`${base}/churn/waivers`)
      .send(body({ expiresAt }));
    expect(granted.status).toBe(201);
    expect((await request(server).get(`${base}/churn`)).body.level).toBe(3);
    await new Promise(resolve => setTimeout(resolve, 1600));
    // Until the next assessment, the stored level stands.
    expect((await request(server).get(`${base}/churn`)).body.level).toBe(3);
    await runAssessment();
    const after = (await request(server).get(`${base}/churn`)).body;
    expect(after).toMatchObject({ level: 2, waivedChecks: 0 });
    const history = (await request(server).get(`${base}/churn/history`)).body;
    expect(
      history
        .filter((e: any) => e.kind === 'waiver')
        .map((e: any) => [e.action, e.at]),
    ).toEqual([
      ['granted', granted.body.createdAt],
      ['expired', granted.body.expiresAt],
    ]);
    expect(history[history.length - 1]).toMatchObject({
      level: 2,
      changes: [{ checkId: 'ab-testing', from: 'waived', to: 'not-declared' }],
    });
  });
});

// The fixture's premise: the waived check is the service's only blocker of level 3.
it('declares every level 3 check of the fixture but A/B testing', () => {
  const annotations = oneBlockerAway.metadata.annotations!;
  const level3 = annotationsForLevel(3);
  expect(Object.keys(level3).filter(key => !(key in annotations))).toEqual([
    'kserve.io/inference-service',
  ]);
});

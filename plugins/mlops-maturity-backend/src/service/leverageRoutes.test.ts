import { mockCredentials } from '@backstage/backend-test-utils';
import { MLOPS_ANNOTATIONS } from '@mlops-maturity/plugin-mlops-maturity-common';
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
const base = '/api/mlops-maturity';

/** Level 1 and every level 2 check but the quality gate: the gate alone blocks level 2. */
const { 'mlops-maturity.io/quality-gate': _gate, ...allButGate } =
  annotationsForLevel(2);
const target = (level: number) => ({
  [MLOPS_ANNOTATIONS.targetLevel]: String(level),
});

describe.each(databases.eachSupportedId())(
  'what to fix first, facets and trend over HTTP on %p',
  databaseId => {
    async function start(options: { assess?: boolean } = {}) {
      const backend = await startMaturityBackend({
        knex: await databases.init(databaseId),
        // The catalog shows the caller only what it may read: `secret` is hidden from them.
        permissions: ownerOnlyCatalogPolicy(),
        entities: [
          mlService('gate', {
            owner: 'team-a',
            annotations: { ...allButGate, ...target(2) },
          }),
          mlService('gate-far', {
            owner: 'team-b',
            annotations: { ...allButGate, ...target(3) },
          }),
          mlService('two-blockers', {
            owner: 'team-a',
            level: 1,
            annotations: target(2),
          }),
          mlService('secret', {
            owner: 'team-secret',
            annotations: {
              ...allButGate,
              ...target(2),
              [HIDDEN_FROM]: 'user:default/mock',
            },
          }),
        ],
      });
      if (options.assess !== false) await backend.runAssessment();
      return backend.server;
    }

    it('ranks the checks by the services they lift and lists those one check from target, without entities the caller cannot read', async () => {
      const server = await start();
      const res = await request(server).get(`${base}/v1/scorecard/leverage`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        checks: [{ checkId: 'quality-gate', lifts: 2, reachesTarget: 1 }],
        oneCheckFromTarget: [
          {
            entityRef: 'component:default/gate',
            title: 'gate',
            owner: 'group:default/team-a',
            level: 1,
            targetLevel: 2,
            checkId: 'quality-gate',
          },
        ],
        oneCheckFromTargetTotal: 1,
      });

      const teamB = await request(server).get(
        `${base}/v1/scorecard/leverage?owner=team-b&limit=1`,
      );
      expect(teamB.body).toEqual({
        checks: [{ checkId: 'quality-gate', lifts: 1, reachesTarget: 0 }],
        oneCheckFromTarget: [],
        oneCheckFromTargetTotal: 0,
      });

      const lifted = await request(server).get(
        `${base}/v1/entities?lastBlocker=quality-gate`,
      );
      expect(lifted.body.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/gate',
        'component:default/gate-far',
      ]);
      const toTarget = await request(server).get(
        `${base}/v1/entities?oneCheckFromTarget=true`,
      );
      expect(toTarget.body.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/gate',
      ]);
    });

    it('refuses an unknown check or a malformed filter with 400, and a caller without credentials with 401', async () => {
      const server = await start({ assess: false });
      const unknown = await request(server).get(
        `${base}/v1/entities?lastBlocker=no-such-check`,
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe(
        'Invalid query parameter lastBlocker: the rubric has no check "no-such-check"',
      );
      for (const path of [
        '/v1/scorecard/leverage?limit=0',
        '/v1/scorecard/leverage?lastBlocker=quality-gate',
        '/v1/entities?oneCheckFromTarget=maybe',
        '/v1/facets?owner=team-a',
      ]) {
        expect((await request(server).get(`${base}${path}`)).status).toBe(400);
      }
      for (const path of ['/v1/scorecard/leverage', '/v1/facets']) {
        const res = await request(server)
          .get(`${base}${path}`)
          .set('Authorization', mockCredentials.none.header());
        expect(res.status).toBe(401);
      }
    });

    it('lists the values to filter by with counts, without entities the caller cannot read', async () => {
      const server = await start();
      const res = await request(server).get(`${base}/v1/facets`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        owners: [
          { value: 'group:default/team-a', count: 2 },
          { value: 'group:default/team-b', count: 1 },
        ],
        systems: [],
        domains: [],
        lifecycles: [{ value: 'production', count: 3 }],
      });
    });

    it('starts the trend at the first recorded assessment, and has no points before any', async () => {
      const server = await start({ assess: false });
      expect(
        (await request(server).get(`${base}/v1/scorecard/trend`)).body,
      ).toEqual({ points: [] });

      const before = new Date();
      const serverAssessed = await start();
      const res = await request(serverAssessed).get(
        `${base}/v1/scorecard/trend?points=5`,
      );
      expect(res.status).toBe(200);
      const { points } = res.body;
      expect(points).toHaveLength(5);
      const [history] = (
        await request(serverAssessed).get(
          `${base}/v1/entities/component/default/gate/history`,
        )
      ).body;
      // The first point is the first assessment, not 90 days ago.
      expect(points[0].at).toBe(history.assessedAt);
      expect(new Date(points[0].at).getTime()).toBeGreaterThanOrEqual(
        before.getTime() - 1000,
      );
      for (const point of points) expect(point.total).toBe(3);

      // An explicit `from` is kept, zeros before the first assessment included.
      const from = new Date(Date.now() - 86_400_000).toISOString();
      const asked = await request(serverAssessed).get(
        `${base}/v1/scorecard/trend?points=3&from=${from}`,
      );
      expect(asked.body.points.map((p: any) => p.total)).toEqual([0, 0, 3]);
    });
  },
);

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { mlService } from '../__testUtils__/assessments';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  HIDDEN_FROM,
  ownerOnlyCatalogPolicy,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const actions = '/api/mlops-maturity/.backstage/actions/v1/actions';
const invoke = (server: any, name: string, input: object) =>
  request(server).post(`${actions}/mlops-maturity:${name}/invoke`).send(input);

/**
 * Allows everything but refreshing `component:default/churn`; the catalog decides which
 * entities the caller reads (a conditional decision), and hides `secret-model` from them.
 */
const noChurnRefresh = () =>
  mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          r.permission.name === 'mlops-maturity.assessment.refresh' &&
          (r as any).resourceRef === 'component:default/churn'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: ownerOnlyCatalogPolicy().authorizeConditional,
  });

describe.each(databases.eachSupportedId())(
  'the actions for agents on %p',
  databaseId => {
    let started: Promise<any> | undefined;
    /** One backend, with Backstage's real actions registry, shared by the tests. */
    const server = () =>
      (started ??= (async () => {
        const backend = await startMaturityBackend({
          knex: await databases.init(databaseId),
          realActions: true,
          permissions: noChurnRefresh(),
          entities: [
            // A/B testing is all that keeps churn from L3, its target.
            mlService('churn', {
              level: 2,
              owner: 'team-a',
              annotations: {
                'evidentlyai.com/project-id': 'p1',
                'mlops-maturity.io/quality-dashboard':
                  'https://grafana.example/d/1',
              },
            }),
            mlService('fraud', { level: 4, owner: 'team-a' }),
            mlService('secret-model', {
              level: 1,
              owner: 'team-b',
              // The quality gate alone keeps it from L2; the caller may not count it.
              annotations: {
                [HIDDEN_FROM]: 'user:default/mock',
                'mlflow.org/registered-model': 'model',
                'airflow.apache.org/dag-id': 'train',
              },
            }),
          ],
        });
        await backend.runAssessment();
        return backend.server;
      })());

    it('lists the five actions with their schemas', async () => {
      const res = await request(await server()).get(actions);
      expect(res.status).toBe(200);
      const byName = new Map<string, any>(
        res.body.actions.map((a: any) => [a.name, a]),
      );
      expect([...byName.keys()].sort()).toEqual([
        'explain-next-level',
        'get-assessment',
        'list-ml-services',
        'refresh-assessment',
        'what-to-fix-first',
      ]);
      expect(byName.get('get-assessment')).toMatchObject({
        id: 'mlops-maturity:get-assessment',
        attributes: { readOnly: true, destructive: false },
        schema: { input: { required: ['entityRef'] } },
      });
      expect(byName.get('refresh-assessment').attributes).toMatchObject({
        readOnly: false,
      });
    });

    it('gets an assessment by a full or a short entity reference', async () => {
      for (const entityRef of ['component:default/churn', 'churn']) {
        const res = await invoke(await server(), 'get-assessment', {
          entityRef,
        });
        expect(res.status).toBe(200);
        expect(res.body.output.assessment).toMatchObject({
          entityRef: 'component:default/churn',
          level: 2,
          verifiedLevel: 0,
          targetLevel: 3,
          meetsTarget: false,
          owner: 'group:default/team-a',
          nextLevel: { level: 3 },
        });
        expect(res.body.output.assessment.checks).toHaveLength(12);
      }
    });

    it('lists services by level and below target, only those the caller may read', async () => {
      const below = await invoke(await server(), 'list-ml-services', {
        belowTarget: true,
      });
      expect(below.status).toBe(200);
      expect(below.body.output).toMatchObject({
        total: 1,
        items: [{ entityRef: 'component:default/churn', level: 2 }],
      });
      const all = await invoke(await server(), 'list-ml-services', {
        minLevel: 0,
      });
      expect(all.body.output.items.map((i: any) => i.entityRef).sort()).toEqual(
        ['component:default/churn', 'component:default/fraud'],
      );
      const level4 = await invoke(await server(), 'list-ml-services', {
        level: 4,
        owner: 'team-a',
      });
      expect(level4.body.output.items).toEqual([
        expect.objectContaining({ entityRef: 'component:default/fraud' }),
      ]);
    });

    it('says what to fix first, counting only services the caller may read', async () => {
      const res = await invoke(await server(), 'what-to-fix-first', {});
      expect(res.status).toBe(200);
      expect(res.body.output).toEqual({
        checks: [{ checkId: 'ab-testing', lifts: 1, reachesTarget: 1 }],
        oneCheckFromTarget: [
          expect.objectContaining({
            entityRef: 'component:default/churn',
            level: 2,
            targetLevel: 3,
            checkId: 'ab-testing',
          }),
        ],
        oneCheckFromTargetTotal: 1,
      });
      const otherTeam = await invoke(await server(), 'what-to-fix-first', {
        owner: 'team-b',
      });
      expect(otherTeam.body.output).toEqual({
        checks: [],
        oneCheckFromTarget: [],
        oneCheckFromTargetTotal: 0,
      });
    });

    it('explains what blocks the next level, check by check, with what to do', async () => {
      const res = await invoke(await server(), 'explain-next-level', {
        entityRef: 'churn',
      });
      expect(res.status).toBe(200);
      const { explanation, nextLevel } = res.body.output;
      expect(nextLevel.blockers.length).toBeGreaterThan(0);
      expect(explanation).toContain(
        'component:default/churn is at L2 Automated',
      );
      expect(explanation).toContain('Its target is L3 Monitored');
      expect(explanation).toContain('To reach L3 Monitored');
      for (const blocker of nextLevel.blockers) {
        expect(explanation).toContain(blocker.title);
        expect(explanation).toContain(`To do: ${blocker.guidance}`);
      }
    });

    it('answers an entity the catalog hides from the caller as not found', async () => {
      for (const name of [
        'get-assessment',
        'explain-next-level',
        'refresh-assessment',
      ]) {
        const res = await invoke(await server(), name, {
          entityRef: 'component:default/secret-model',
        });
        expect({ name, status: res.status }).toEqual({ name, status: 404 });
        expect(JSON.stringify(res.body)).not.toContain('team-b');
      }
    });

    it('re-assesses only where the refresh permission allows', async () => {
      const denied = await invoke(await server(), 'refresh-assessment', {
        entityRef: 'churn',
      });
      expect(denied.status).toBe(403);
      const allowed = await invoke(await server(), 'refresh-assessment', {
        entityRef: 'fraud',
      });
      expect(allowed.status).toBe(200);
      expect(allowed.body.output.assessment).toMatchObject({
        entityRef: 'component:default/fraud',
        level: 4,
      });
    });

    it('refuses what is not an entity reference, and anonymous callers', async () => {
      const bad = await invoke(await server(), 'get-assessment', {
        entityRef: 'component:',
      });
      expect(bad.status).toBe(400);
      const anonymous = await request(await server())
        .post(`${actions}/mlops-maturity:get-assessment/invoke`)
        .set('Authorization', mockCredentials.none.header())
        .send({ entityRef: 'churn' });
      expect(anonymous.status).toBe(401);
    });
  },
);

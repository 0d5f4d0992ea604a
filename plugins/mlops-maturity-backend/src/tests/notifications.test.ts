import type { AddressInfo } from 'node:net';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { Notification } from '@backstage/plugin-notifications-common';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { annotationsForLevel, mlService } from '../__testUtils__/assessments';
import {
  createTestDatabases,
  postgresTestId,
} from '../__testUtils__/databases';
import { FaultProxy } from '../__testUtils__/FaultProxy';
import { MlflowRegistryServer } from '../__testUtils__/MlflowRegistryServer';
import { startMaturityBackend } from '../__testUtils__/startMaturityBackend';
import { until } from './__testUtils__/faultEstate';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const CHURN = 'component:default/churn';

/** A group and its members, with the relations the catalog would give them. */
function group(name: string, members: string[]): Entity[] {
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations: members.map(m => ({
        type: 'hasMember',
        targetRef: `user:default/${m}`,
      })),
    },
    ...members.map(m => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: m, namespace: 'default' },
      spec: { memberOf: [name] },
      relations: [{ type: 'memberOf', targetRef: `group:default/${name}` }],
    })),
  ];
}

/** An ML service whose annotations declare the checks of levels 1 to `level`. */
function service(name: string, level: number, owner: string): Entity {
  return {
    ...mlService(name, { level, owner }),
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

/** Changes what the service declares, as an edit of its catalog file would. */
function declare(entity: Entity, annotations: Record<string, string>) {
  entity.metadata.annotations = annotations;
}

/** The notifications a user reads through the notifications backend's API. */
async function inbox(
  server: Parameters<typeof request>[0],
  user: string,
): Promise<Notification[]> {
  const res = await request(server)
    .get('/api/notifications/notifications')
    .set('Authorization', mockCredentials.user.header(`user:default/${user}`));
  expect(res.status).toBe(200);
  return res.body.notifications;
}

/** Each history row's entity and notification state, in order. */
async function historyStates(knex: Knex) {
  return (
    await knex('mlops_history')
      .orderBy('id')
      .select('entity_ref', 'level', 'notification')
  ).map(r => `${r.entity_ref.split('/')[1]} L${r.level} ${r.notification}`);
}

/** Waits until no history row is pending notification: each has been sent or needs none. */
async function sent(knex: Knex) {
  await until(
    async () =>
      Number(
        (
          await knex('mlops_history')
            .where('notification', 'pending')
            .count({ n: '*' })
        )[0].n,
      ) === 0,
    'the pending notifications to be sent',
    30_000,
  );
}

describe.each(databases.eachSupportedId())(
  'notifications of level changes, with the real notifications backend, on %p',
  id => {
    let churn: Entity;
    let entities: Entity[];
    const started: Array<{ backend: { stop(): Promise<void> } }> = [];
    const clients: Knex[] = [];

    beforeEach(() => {
      churn = service('churn', 1, 'team-a');
      entities = [
        churn,
        service('fraud', 2, 'team-b'),
        ...group('team-a', ['ada', 'bo']),
        ...group('team-b', ['cy']),
      ];
    });

    afterEach(async () => {
      await Promise.all(started.splice(0).map(b => b.backend.stop()));
      await Promise.all(clients.splice(0).map(c => c.destroy()));
    });

    /** A plugin database and a notifications database, new. */
    async function newDatabases() {
      return {
        knex: await databases.init(id),
        notificationsKnex: await databases.init(id),
      };
    }

    /**
     * The same databases as a replica reaches them: on PostgreSQL through pools of its own;
     * SQLite's in-memory databases are reached through the same client.
     */
    function replicaClients(dbs: { knex: Knex; notificationsKnex: Knex }) {
      if (id !== postgresTestId) return dbs;
      const own = (knex: Knex) => {
        const client = knexFactory(knex.client.config);
        clients.push(client);
        return client;
      };
      return {
        knex: own(dbs.knex),
        notificationsKnex: own(dbs.notificationsKnex),
      };
    }

    async function start(
      dbs: { knex: Knex; notificationsKnex: Knex },
      extra: Partial<Parameters<typeof startMaturityBackend>[0]> = {},
    ) {
      const backend = await startMaturityBackend({
        entities,
        ...dbs,
        ...extra,
      });
      started.push(backend);
      return backend;
    }

    it('tells each member of the owning group once about a level change, and nobody about a first assessment or ten unchanged runs', async () => {
      const dbs = await newDatabases();
      const { server, runAssessment } = await start(dbs);

      expect(await runAssessment()).toMatchObject({ status: 'completed' });
      await sent(dbs.knex);
      expect(await historyStates(dbs.knex)).toEqual([
        'churn L1 none',
        'fraud L2 none',
      ]);

      declare(churn, annotationsForLevel(2));
      expect(await runAssessment()).toMatchObject({
        status: 'completed',
        changed: 1,
      });
      await sent(dbs.knex);
      const [notification, ...more] = await inbox(server, 'ada');
      expect(more).toEqual([]);
      expect(notification).toMatchObject({
        user: 'user:default/ada',
        origin: 'plugin:mlops-maturity',
        payload: {
          title: 'churn: MLOps level 1 → 2',
          link: '/catalog/default/component/churn/mlops-maturity',
          severity: 'normal',
          topic: 'mlops-maturity',
          scope: expect.stringMatching(/^mlops-maturity:history:\d+$/),
        },
      });
      expect(notification.payload.description).toBe(
        'Level L1 Scripted → L2 Automated. ' +
          'Why: Runs and model versions in a registry: not declared → declared; ' +
          'CI/CD blocks a worse model: not declared → declared; ' +
          'Training runs automatically: not declared → declared. ' +
          'Verified level L0 Manual, unchanged. Target L3 Monitored: not met.',
      );
      expect(await inbox(server, 'bo')).toEqual([
        expect.objectContaining({ payload: notification.payload }),
      ]);
      expect(await inbox(server, 'cy')).toEqual([]);
      const row = await dbs.knex('mlops_history').orderBy('id', 'desc').first();
      expect(row).toMatchObject({
        entity_ref: CHURN,
        notification: 'sent',
        notification_claimed_until: null,
      });
      expect(row.notified_at).not.toBeNull();

      for (let run = 0; run < 10; run++) {
        expect(await runAssessment()).toMatchObject({
          status: 'completed',
          changed: 0,
        });
      }
      await sent(dbs.knex);
      expect(await historyStates(dbs.knex)).toEqual([
        'churn L1 none',
        'fraud L2 none',
        'churn L2 sent',
      ]);
      expect(
        Number(
          (await dbs.notificationsKnex('notification').count({ n: '*' }))[0].n,
        ),
      ).toBe(2);
      expect(await inbox(server, 'ada')).toEqual([notification]);
    });

    it('tells about a change that a refresh finds, as soon as it is written', async () => {
      const dbs = await newDatabases();
      const { server, runAssessment } = await start(dbs);
      await runAssessment();

      declare(churn, annotationsForLevel(3));
      const refreshed = await request(server).post(
        '/api/mlops-maturity/v1/entities/component/default/churn/refresh',
      );
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({ level: 3 });
      await sent(dbs.knex);
      expect(await inbox(server, 'ada')).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({
            title: 'churn: MLOps level 1 → 3',
            severity: 'normal',
          }),
        }),
      ]);
    });

    it('tells nobody about a rubric change that moves the level, and again about the next change', async () => {
      const dbs = await newDatabases();
      // Levels 1 and 2 declared, but for the quality gate: level 1.
      const { 'mlops-maturity.io/quality-gate': _gate, ...noGate } =
        annotationsForLevel(2);
      declare(churn, noGate);
      const before = await start(dbs);
      await before.runAssessment();
      await before.backend.stop();

      // The platform team drops the quality gate from the rubric: churn is at level 2 now.
      const after = await start(dbs, {
        config: { rubric: { checks: { 'quality-gate': { enabled: false } } } },
      });
      expect(await after.runAssessment()).toMatchObject({ changed: 2 });
      await sent(dbs.knex);
      expect(await historyStates(dbs.knex)).toEqual([
        'churn L1 none',
        'fraud L2 none',
        'churn L2 none',
        'fraud L2 none',
      ]);
      expect(await inbox(after.server, 'ada')).toEqual([]);

      // Under the new rubric, a change is told as before.
      const { 'airflow.apache.org/dag-id': _dag, ...noPipeline } = noGate;
      declare(churn, noPipeline);
      await after.runAssessment();
      await sent(dbs.knex);
      expect(await inbox(after.server, 'ada')).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({
            title: 'churn: MLOps level 2 → 1',
            severity: 'high',
          }),
        }),
      ]);
    });

    it('sends nothing when mlopsMaturity.notifications.enabled is false', async () => {
      const dbs = await newDatabases();
      const { server, runAssessment } = await start(dbs, {
        config: { notifications: { enabled: false } },
      });
      await runAssessment();
      declare(churn, annotationsForLevel(3));
      expect(await runAssessment()).toMatchObject({ changed: 1 });
      expect(await historyStates(dbs.knex)).toEqual([
        'churn L1 none',
        'fraud L2 none',
        'churn L3 none',
      ]);
      expect(await inbox(server, 'ada')).toEqual([]);
    });

    it('sends each change once when two replicas on one database assess the changes together', async () => {
      const dbs = await newDatabases();
      // Many changes at once, so that both replicas' senders meet on the same rows.
      const services = [
        churn,
        ...Array.from({ length: 30 }, (_, i) =>
          service(`svc-${i}`, 1, 'team-a'),
        ),
      ];
      entities.push(...services.slice(1));
      const first = await start(replicaClients(dbs));
      const second = await start(replicaClients(dbs));
      await first.runAssessment();

      for (const entity of services) declare(entity, annotationsForLevel(2));
      await Promise.all([first.runAssessment(), second.runAssessment()]);
      await sent(dbs.knex);
      // One history row per change, each sent.
      const history = await dbs.knex('mlops_history').where('level', 2);
      expect(history.filter(r => r.notification === 'sent')).toHaveLength(
        services.length,
      );
      expect(history).toHaveLength(services.length + 1); // and fraud's first
      // Sent once each: a second send of the same scope would have updated the notification.
      const rows = await dbs
        .notificationsKnex('notification')
        .select('user', 'scope', 'updated');
      for (const user of ['user:default/ada', 'user:default/bo']) {
        const own = rows.filter(r => r.user === user);
        expect(own).toHaveLength(services.length);
        expect(new Set(own.map(r => r.scope)).size).toBe(services.length);
        expect(own.filter(r => r.updated !== null)).toEqual([]);
      }
      expect(rows).toHaveLength(2 * services.length);
      expect(await inbox(second.server, 'ada')).toEqual(
        await inbox(first.server, 'ada'),
      );
    });

    describe('when the notifications backend fails', () => {
      let proxy: FaultProxy | undefined;

      afterEach(async () => {
        await proxy?.stop();
        proxy = undefined;
      });

      /** A backend whose notification client reaches the notifications backend through `proxy`. */
      async function startBehindProxy(dbs: {
        knex: Knex;
        notificationsKnex: Knex;
      }) {
        const backend = await start(dbs, {
          notificationsBaseUrl: () => `${proxy!.url}/api/notifications`,
        });
        const { port } = backend.server.address() as AddressInfo;
        proxy = await new FaultProxy(`http://127.0.0.1:${port}`).start();
        return backend;
      }

      it('keeps the change pending while sends fail, and sends it on the next run', async () => {
        const dbs = await newDatabases();
        const { server, runAssessment } = await startBehindProxy(dbs);
        await runAssessment();

        proxy!.fault = 'http-500';
        declare(churn, annotationsForLevel(2));
        expect(await runAssessment()).toMatchObject({
          status: 'completed',
          changed: 1,
        });
        // One send after the write, one after the run's end; both failed and gave it back.
        await until(
          async () =>
            proxy!.requests.length === 2 &&
            (
              await dbs
                .knex('mlops_history')
                .whereNotNull('notification_claimed_until')
            ).length === 0,
          'both sends to fail',
        );
        await new Promise(resolve => setTimeout(resolve, 500));
        expect(proxy!.requests).toEqual([
          'POST /api/notifications',
          'POST /api/notifications',
        ]);
        expect(await historyStates(dbs.knex)).toEqual([
          'churn L1 none',
          'fraud L2 none',
          'churn L2 pending',
        ]);
        expect(await inbox(server, 'ada')).toEqual([]);

        proxy!.fault = 'none';
        expect(await runAssessment()).toMatchObject({ changed: 0 });
        await sent(dbs.knex);
        expect(await inbox(server, 'ada')).toEqual([
          expect.objectContaining({
            payload: expect.objectContaining({
              title: 'churn: MLOps level 1 → 2',
            }),
          }),
        ]);
      });

      it('holds up neither the run nor the stop when a send does not answer, and the next start sends it', async () => {
        const dbs = await newDatabases();
        const hanging = await startBehindProxy(dbs);
        await hanging.runAssessment();

        proxy!.fault = 'slow';
        declare(churn, annotationsForLevel(2));
        const runStart = Date.now();
        expect(await hanging.runAssessment()).toMatchObject({
          status: 'completed',
          changed: 1,
        });
        // The send waits up to 30 seconds; the run did not.
        expect(Date.now() - runStart).toBeLessThan(10_000);
        await until(() => proxy!.requests.length > 0, 'the send to start');
        const stopStart = Date.now();
        await hanging.backend.stop();
        expect(Date.now() - stopStart).toBeLessThan(10_000);
        // The stop gave the row back for the next start.
        expect(
          await dbs
            .knex('mlops_history')
            .where('notification', 'pending')
            .select('notification_claimed_until'),
        ).toEqual([{ notification_claimed_until: null }]);

        const next = await start(dbs);
        expect(await next.runAssessment()).toMatchObject({ changed: 0 });
        await sent(dbs.knex);
        expect(await inbox(next.server, 'ada')).toHaveLength(1);
      });

      it('lets another replica send what a replica that died while sending had claimed, once its claim ran out', async () => {
        const dbs = await newDatabases();
        const dying = await startBehindProxy(replicaClients(dbs));
        const other = await start(replicaClients(dbs));
        await dying.runAssessment();

        proxy!.fault = 'slow';
        declare(churn, annotationsForLevel(2));
        await dying.runAssessment();
        await until(() => proxy!.requests.length > 0, 'the send to start');
        const claimed = () =>
          dbs.knex('mlops_history').whereNotNull('notification_claimed_until');
        expect(await claimed()).toHaveLength(1);

        // The other replica leaves the claimed row alone.
        await other.runAssessment();
        await new Promise(resolve => setTimeout(resolve, 500));
        expect(await inbox(other.server, 'ada')).toEqual([]);

        // The dying replica never answers again; two minutes later its claim has run out.
        await claimed().update({
          notification_claimed_until: new Date(Date.now() - 1000),
        });
        await other.runAssessment();
        await sent(dbs.knex);
        const notifications = await inbox(other.server, 'ada');
        expect(notifications).toHaveLength(1);
        expect(notifications[0].updated).toBeNull();
      });
    });

    describe('when a tool is down', () => {
      let mlflow: MlflowRegistryServer;

      beforeEach(async () => {
        mlflow = await new MlflowRegistryServer(['churn']).start();
      });

      afterEach(() => mlflow.stop());

      it('sends nothing, as an outage moves no level; a real change is told', async () => {
        const dbs = await newDatabases();
        // A rubric whose level 1 is experiment tracking alone, which MLflow verifies.
        const config = {
          tools: {
            mlflow: [{ name: 'prod', baseUrl: mlflow.url, timeoutMs: 2_000 }],
          },
          rubric: {
            checks: {
              'training-script': { enabled: false },
              'deployment-script': { enabled: false },
              'serving-logging': { enabled: false },
              'experiment-tracking': { level: 1 },
            },
          },
        };
        declare(churn, { 'mlflow.org/registered-model': 'prod:churn' });
        const during = await start(dbs, { config });
        await during.runAssessment();
        expect(
          await request(during.server).get(
            '/api/mlops-maturity/v1/entities/component/default/churn',
          ),
        ).toMatchObject({ body: { level: 1, verifiedLevel: 1 } });

        await mlflow.stop();
        for (let run = 0; run < 3; run++) {
          expect(await during.runAssessment()).toMatchObject({
            status: 'completed',
          });
        }
        await sent(dbs.knex);
        // The outage may change what a check says, never a level: nothing to tell.
        const rows = await dbs.knex('mlops_history').where('entity_ref', CHURN);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row).toMatchObject({
            level: 1,
            verified_level: 1,
            notification: 'none',
          });
        }
        expect(await inbox(during.server, 'ada')).toEqual([]);
        await during.backend.stop();

        // MLflow is back (and a restart forgets that it was down): the model is gone from the
        // registry, which is a change.
        await mlflow.start();
        const after = await start(dbs, { config });
        await after.runAssessment();
        await sent(dbs.knex);
        expect(await inbox(after.server, 'ada')).toEqual([]);
        declare(churn, { 'mlflow.org/registered-model': 'prod:gone' });
        await after.runAssessment();
        await sent(dbs.knex);
        expect(await inbox(after.server, 'ada')).toEqual([
          expect.objectContaining({
            payload: expect.objectContaining({
              title: 'churn: MLOps level 1 → 0',
              severity: 'high',
            }),
          }),
        ]);
      });
    });
  },
);

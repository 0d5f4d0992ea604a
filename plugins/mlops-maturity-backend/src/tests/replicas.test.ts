import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { mlService } from '../__testUtils__/assessments';
import {
  createTestDatabases,
  postgresTestId,
} from '../__testUtils__/databases';
import { startMaturityBackend } from '../__testUtils__/startMaturityBackend';
import { withStartupLock } from '../store/startupLock';

jest.setTimeout(90_000);

const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id === postgresTestId);

/** Clients with a pool each, as separate processes have, on the database of `knex`. */
function separateClients(knex: Knex, count: number): Knex[] {
  return Array.from({ length: count }, () => knexFactory(knex.client.config));
}

describe.each(databases.eachSupportedId())('the start-up lock on %p', id => {
  it('lets one replica at a time do its start-up database work on PostgreSQL, and does not get in the way elsewhere', async () => {
    const knex = await databases.init(id);
    const clients = id === postgresTestId ? separateClients(knex, 3) : [knex];
    try {
      const spans = await Promise.all(
        clients.map(client =>
          withStartupLock(mockServices.database({ knex: client }), async () => {
            const start = Date.now();
            // The work uses the same pool as the lock, as migrations do.
            await client.raw(
              id === postgresTestId ? 'SELECT pg_sleep(0.2)' : 'SELECT 1',
            );
            return { start, end: Date.now() };
          }),
        ),
      );
      spans.sort((a, b) => a.start - b.start);
      for (let i = 1; i < spans.length; i++) {
        expect(spans[i].start).toBeGreaterThanOrEqual(spans[i - 1].end);
      }
    } finally {
      if (id === postgresTestId) {
        await Promise.all(clients.map(c => c.destroy()));
      }
      await knex.destroy();
    }
  });
});

// Only PostgreSQL: SQLite gives each process its own database, so there is no shared lock.
describe.each(postgres)('backend replicas on one new %p database', id => {
  it.each([2, 3])(
    '%i replicas all start, run the assessment once per tick between them and duplicate no history',
    async count => {
      const knex = await databases.init(id);
      // Separate pools: each replica's start-up database work runs on its own connections.
      const clients = separateClients(knex, count);
      const entities = Array.from({ length: 30 }, (_, i) =>
        mlService(`svc-${i}`, { level: i % 5, owner: `team-${i % 3}` }),
      );
      const config = {
        schedule: { frequency: { seconds: 1 }, timeout: { seconds: 30 } },
      };
      const started = Date.now();
      const outcomes = await Promise.allSettled(
        clients.map(client =>
          startMaturityBackend({
            entities,
            knex: client,
            config,
            realScheduler: true,
          }),
        ),
      );
      const replicas = outcomes.flatMap(o =>
        o.status === 'fulfilled' ? [o.value] : [],
      );
      let elapsedSeconds: number;
      try {
        expect(
          outcomes.flatMap(o =>
            o.status === 'rejected' ? [String(o.reason)] : [],
          ),
        ).toEqual([]);
        for (const replica of replicas) {
          await request(replica.server)
            .get('/api/mlops-maturity/health')
            .expect(200);
        }
        await new Promise(resolve => setTimeout(resolve, 8_000));
      } finally {
        await Promise.all(replicas.map(r => r.backend.stop()));
        elapsedSeconds = (Date.now() - started) / 1000;
        await Promise.all(clients.map(c => c.destroy()));
      }

      const runs = await knex('mlops_runs').orderBy('started_at');
      expect(runs.length).toBeGreaterThanOrEqual(2);
      // With a 1-second cadence, independent replicas would each run about once per second.
      expect(runs.length).toBeLessThanOrEqual(Math.ceil(elapsedSeconds) + 1);
      for (let i = 1; i < runs.length; i++) {
        expect(new Date(runs[i].started_at).getTime()).toBeGreaterThanOrEqual(
          new Date(runs[i - 1].finished_at).getTime(),
        );
      }
      // Runs are recorded from their start: one that the stop cut short is aborted, or still
      // running when the stop closed its database first. Every other run completed.
      expect(runs.slice(0, -1).filter(r => r.status !== 'completed')).toEqual(
        [],
      );
      expect(['completed', 'aborted', 'running']).toContain(
        runs[runs.length - 1].status,
      );

      const perEntity = await knex('mlops_history')
        .select('entity_ref')
        .count({ n: '*' })
        .groupBy('entity_ref');
      expect(perEntity).toHaveLength(30);
      expect(perEntity.every(r => Number(r.n) === 1)).toBe(true);
      await knex.destroy();
    },
  );
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { assessmentWrite, mlService } from '../__testUtils__/assessments';
import { createTestDatabases } from '../__testUtils__/databases';
import { startMaturityBackend } from '../__testUtils__/startMaturityBackend';
import { DatabaseMaturityStore } from '../store/DatabaseMaturityStore';
import { chunks } from '../store/values';

jest.setTimeout(180_000);

const databases = createTestDatabases();
const ENTITIES = 1000;
/** Earlier history rows per entity, a week apart, so each trend point has rows to group. */
const PAST_CHANGES = 5;
const OWNERS = 12;
const DAY_MS = 86_400_000;

/**
 * A client of a database like the test's own with a pool of two connections that waits at
 * most a second for one, as a small production pool under load would. SQLite gets a file, so
 * that the backend's client is the only one.
 */
async function smallPool(id: TestDatabaseId): Promise<{
  knex: Knex;
  cleanUp: () => Promise<void>;
}> {
  const options = { pool: { min: 0, max: 2 }, acquireConnectionTimeout: 1000 };
  if (id.startsWith('SQLITE')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-trend-'));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'db.sqlite') },
      useNullAsDefault: true,
      ...options,
    });
    return {
      knex,
      cleanUp: async () => {
        await knex.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const own = await databases.init(id);
  const knex = knexFactory({ ...own.client.config, ...options });
  return { knex, cleanUp: () => knex.destroy() };
}

/** Current assessments of every entity and their history over the past weeks. */
async function seed(knex: Knex, now: Date) {
  const store = await DatabaseMaturityStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const refs = Array.from(
    { length: ENTITIES },
    (_, i) => `component:default/svc-${i}`,
  );
  const history = refs.flatMap((ref, i) =>
    Array.from({ length: PAST_CHANGES }, (_, k) => ({
      entity_ref: ref,
      previous_id: k === 0 ? 0 : -k,
      assessed_at: new Date(
        now.getTime() - (PAST_CHANGES - k) * 7 * DAY_MS - i * 1000,
      ),
      level: (i + k) % 5,
      verified_level: 0,
      target_level: 3,
      rubric_version: 'seed',
      statuses: '{}',
      changes: '[]',
    })),
  );
  // Oldest first, so that ids grow with time within each entity, as the writer adds them.
  history.sort((a, b) => a.assessed_at.getTime() - b.assessed_at.getTime());
  for (const rows of chunks(history, 500)) {
    await knex('mlops_history').insert(rows);
  }
  const writes = refs.map((_, i) =>
    assessmentWrite(
      mlService(`svc-${i}`, { level: i % 5, owner: `team-${i % OWNERS}` }),
      { now },
    ),
  );
  for (const batch of chunks(writes, 500)) {
    await store.writeAssessments(batch, now);
  }
}

describe.each(databases.eachSupportedId())(
  'trend requests on %p with a pool of two connections',
  id => {
    it('all succeed when many arrive at once, and those of one minute share their points', async () => {
      const { knex, cleanUp } = await smallPool(id);
      try {
        await seed(knex, new Date());
        const { server, backend } = await startMaturityBackend({
          entities: [],
          knex,
        });
        try {
          const trend = '/api/mlops-maturity/v1/scorecard/trend';
          const paths = [
            // The scorecard page's request: the last 90 days until now.
            ...Array.from({ length: 12 }, () => trend),
            // Filters no cache can share.
            ...Array.from(
              { length: OWNERS },
              (_, i) => `${trend}?owner=team-${i}`,
            ),
          ];
          const started = Date.now();
          const answers = await Promise.all(
            paths.map(p => request(server).get(p)),
          );
          const seconds = (Date.now() - started) / 1000;
          expect(
            answers.flatMap((a, i) =>
              a.status === 200
                ? []
                : [`${paths[i]}: ${a.status} ${a.text.slice(0, 200)}`],
            ),
          ).toEqual([]);
          const defaults = answers.slice(0, 12).map(a => a.body.points);
          const last = (points: Array<{ total: number }>) =>
            points[points.length - 1];
          expect(last(defaults[0]).total).toBe(ENTITIES);
          for (const points of defaults) {
            expect(points.map((p: any) => [p.total, p.byLevel])).toEqual(
              defaults[0].map((p: any) => [p.total, p.byLevel]),
            );
          }
          expect(
            answers
              .slice(12)
              .reduce((n, a) => n + last(a.body.points).total, 0),
          ).toBe(ENTITIES);
          // eslint-disable-next-line no-console
          console.log(
            `${
              paths.length
            } concurrent trend requests on ${id}: ${seconds.toFixed(1)} s`,
          );
        } finally {
          await backend.stop();
        }
      } finally {
        await cleanUp();
      }
    });
  },
);

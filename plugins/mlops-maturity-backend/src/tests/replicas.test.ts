import { mlService } from '../__testUtils__/assessments';
import {
  createTestDatabases,
  postgresTestId,
} from '../__testUtils__/databases';
import { startMaturityBackend } from '../__testUtils__/startMaturityBackend';

jest.setTimeout(90_000);

const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id === postgresTestId);

// Only PostgreSQL: SQLite gives each process its own database, so there is no shared lock.
describe.each(postgres)('two backend replicas on one %p database', id => {
  it('run the assessment once per tick between them and duplicate no history', async () => {
    const knex = await databases.init(id);
    const entities = Array.from({ length: 30 }, (_, i) =>
      mlService(`svc-${i}`, { level: i % 5, owner: `team-${i % 3}` }),
    );
    const config = {
      schedule: { frequency: { seconds: 1 }, timeout: { seconds: 30 } },
    };
    const started = Date.now();
    const replicas = await Promise.all(
      [1, 2].map(() =>
        startMaturityBackend({ entities, knex, config, realScheduler: true }),
      ),
    );
    await new Promise(resolve => setTimeout(resolve, 8_000));
    await Promise.all(replicas.map(r => r.backend.stop()));
    const elapsedSeconds = (Date.now() - started) / 1000;

    const runs = await knex('mlops_runs').orderBy('started_at');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    // With a 1-second cadence, independent replicas would run about twice per second.
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(elapsedSeconds) + 1);
    for (let i = 1; i < runs.length; i++) {
      expect(new Date(runs[i].started_at).getTime()).toBeGreaterThanOrEqual(
        new Date(runs[i - 1].finished_at).getTime(),
      );
    }
    expect(runs.every(r => r.status === 'completed')).toBe(true);

    const perEntity = await knex('mlops_history')
      .select('entity_ref')
      .count({ n: '*' })
      .groupBy('entity_ref');
    expect(perEntity).toHaveLength(30);
    expect(perEntity.every(r => Number(r.n) === 1)).toBe(true);
    await knex.destroy();
  });
});

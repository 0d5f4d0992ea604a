import request from 'supertest';
import { mlService } from '../__testUtils__/assessments';
import { createTestDatabases } from '../__testUtils__/databases';
import { startMaturityBackend } from '../__testUtils__/startMaturityBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const DAY_MS = 86_400_000;
const API = '/api/mlops-maturity';

describe.each(databases.eachSupportedId())('retention on %p', id => {
  it('the scheduled run prunes old runs and history, keeping what the trend needs inside the window', async () => {
    const knex = await databases.init(id);
    const { server, backend, runAssessment } = await startMaturityBackend({
      knex,
      entities: [mlService('churn', { level: 1 })],
      config: { history: { keepDays: 30 } },
    });
    try {
      const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
      const history = (days: number, level: number, previousId: number) => ({
        entity_ref: 'component:default/churn',
        previous_id: previousId,
        assessed_at: daysAgo(days),
        level,
        verified_level: 0,
        target_level: 3,
        rubric_version: 'before',
        statuses: '{}',
        changes: '[]',
      });
      await knex('mlops_history').insert(history(100, 3, 0));
      const [{ id: first }] = await knex('mlops_history').max({ id: 'id' });
      await knex('mlops_history').insert(history(60, 2, Number(first)));
      for (const days of [100, 90]) {
        await knex('mlops_runs').insert({
          trigger: 'schedule',
          started_at: daysAgo(days),
          finished_at: daysAgo(days),
          status: 'completed',
        });
      }

      const run = await runAssessment();
      expect(run).toMatchObject({ status: 'completed', assessed: 1 });

      // Only the run that just ran is left of the runs.
      const runs = (await request(server).get(`${API}/v1/runs`)).body.items;
      expect(runs).toHaveLength(1);
      // The row of 60 days ago gives churn's level until today's; the one before it is gone.
      expect(
        (
          await knex('mlops_history')
            .where('entity_ref', 'component:default/churn')
            .orderBy('id')
        ).map(r => r.level),
      ).toEqual([2, 1]);
      const trend = await request(server).get(
        `${API}/v1/scorecard/trend?from=${daysAgo(29).toISOString()}&points=2`,
      );
      expect(trend.status).toBe(200);
      expect(
        trend.body.points.map((p: any) => [
          p.total,
          p.byLevel[2],
          p.byLevel[1],
        ]),
      ).toEqual([
        [1, 1, 0],
        [1, 0, 1],
      ]);
    } finally {
      await backend.stop();
    }
  });
});

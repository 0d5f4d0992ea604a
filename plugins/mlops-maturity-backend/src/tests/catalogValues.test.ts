import request from 'supertest';
import { mlService } from '../__testUtils__/assessments';
import { createTestDatabases } from '../__testUtils__/databases';
import { startMaturityBackend } from '../__testUtils__/startMaturityBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const API = '/api/mlops-maturity';

/** An ML service whose catalog file holds values longer than any column for them. */
function longValues() {
  const entity = mlService('long-values', {
    level: 2,
    owner: `team-${'o'.repeat(600)}`,
    system: `sys-${'s'.repeat(600)}`,
  });
  entity.spec!.lifecycle = `experimental-${'l'.repeat(300)}`;
  return entity;
}

describe.each(databases.eachSupportedId())('catalog values on %p', id => {
  it('an entity with values longer than their columns is assessed, refreshed and served whole', async () => {
    const entity = longValues();
    const { server, backend, runAssessment } = await startMaturityBackend({
      knex: await databases.init(id),
      entities: [entity, mlService('short', { level: 1 })],
    });
    try {
      expect(await runAssessment()).toMatchObject({
        status: 'completed',
        assessed: 2,
        failed: 0,
      });
      const refresh = await request(server).post(
        `${API}/v1/entities/component/default/long-values/refresh`,
      );
      expect(refresh.status).toBe(200);
      expect(refresh.body).toMatchObject({
        level: 2,
        lifecycle: entity.spec!.lifecycle,
        owner: `group:default/${entity.spec!.owner}`,
      });
      const list = await request(server).get(`${API}/v1/entities`);
      const row = list.body.items.find(
        (i: { entityRef: string }) =>
          i.entityRef === 'component:default/long-values',
      );
      expect(Array.from(row.lifecycle as string)).toHaveLength(255);
      expect(row.lifecycle.endsWith('\u2026')).toBe(true);
    } finally {
      await backend.stop();
    }
  });
});

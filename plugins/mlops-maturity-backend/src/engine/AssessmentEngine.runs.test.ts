import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { mlService } from '../__testUtils__/assessments';
import { createTestEngine } from '../__testUtils__/createTestEngine';
import { createTestDatabases } from '../__testUtils__/databases';
import { MlflowRegistryServer } from '../__testUtils__/MlflowRegistryServer';
import { MlflowCollector } from '../collectors/mlflow/MlflowCollector';

jest.setTimeout(60_000);

const databases = createTestDatabases();

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe.each(databases.eachSupportedId())(
  'the runs ledger of the engine on %p',
  id => {
    let mlflow: MlflowRegistryServer;

    beforeEach(async () => {
      mlflow = await new MlflowRegistryServer(['churn']).start();
    });
    afterEach(() => mlflow.stop());

    it('records a run as running from its start, and a run left running by a stopped process as interrupted', async () => {
      const tools = {
        mlflow: [{ name: 'prod', baseUrl: mlflow.url, timeoutMs: 30_000 }],
      };
      const { engineFor, store } = await createTestEngine({
        knex: await databases.init(id),
        clock: () => new Date(),
        config: { tools },
        collectors: [
          MlflowCollector.fromConfig(
            new ConfigReader({ mlopsMaturity: { tools } }),
            mockServices.logger.mock(),
          )!,
        ],
      });
      const engine = engineFor([
        mlService('churn', {
          level: 2,
          annotations: { 'mlflow.org/registered-model': 'prod:churn' },
        }),
      ]);

      mlflow.hold = () => true;
      const first = engine.assessAll({ trigger: 'schedule' });
      await until(() => mlflow.held > 0, 'the run to ask MLflow');
      const [running] = await store.listRuns(1);
      expect(running).toMatchObject({ status: 'running', assessed: 0 });
      expect(running).not.toHaveProperty('finishedAt');
      mlflow.release();
      expect(await first).toMatchObject({ status: 'completed', assessed: 1 });
      expect((await store.listRuns(1))[0]).toMatchObject({
        status: 'completed',
        assessed: 1,
        finishedAt: expect.any(Date),
      });

      // What a process killed in the middle of a run leaves behind.
      await store.startRun({
        trigger: 'schedule',
        startedAt: new Date(),
        status: 'running',
        selected: 1,
        assessed: 0,
        changed: 0,
        failed: 0,
        removed: 0,
        removalHeld: 0,
        failures: [],
      });
      await engine.assessAll({ trigger: 'schedule' });
      expect((await store.listRuns(5)).map(r => r.status)).toEqual([
        'completed',
        'interrupted',
        'completed',
      ]);
    });
  },
);

import { mockServices } from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { mlService } from '../__testUtils__/assessments';
import { createTestEngine } from '../__testUtils__/createTestEngine';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  MLFLOW_PATHS,
  MlflowRegistryServer,
} from '../__testUtils__/MlflowRegistryServer';
import { MlflowCollector } from '../collectors/mlflow/MlflowCollector';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** The in-memory catalog, counting the queries the engine sends it. */
class CountingCatalog extends InMemoryCatalogClient {
  readonly calls = { queryEntities: 0, streamEntities: 0 };

  async queryEntities(
    ...args: Parameters<InMemoryCatalogClient['queryEntities']>
  ) {
    this.calls.queryEntities++;
    return super.queryEntities(...args);
  }

  streamEntities(...args: Parameters<InMemoryCatalogClient['streamEntities']>) {
    this.calls.streamEntities++;
    return super.streamEntities(...args);
  }
}

const names = Array.from({ length: 6 }, (_, i) => `svc-${i}`);
const entities: Entity[] = names.map(name =>
  mlService(name, {
    level: 2,
    annotations: { 'mlflow.org/registered-model': `prod:${name}` },
  }),
);

describe.each(databases.eachSupportedId())('refreshes on %p', id => {
  let mlflow: MlflowRegistryServer;

  beforeEach(async () => {
    mlflow = await new MlflowRegistryServer(names).start();
  });
  afterEach(() => mlflow.stop());

  it('share one assessment per entity, one read of the catalog and one listing per tool', async () => {
    const tools = { mlflow: [{ name: 'prod', baseUrl: mlflow.url }] };
    let catalog: CountingCatalog | undefined;
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
      catalogFor: all => (catalog = new CountingCatalog({ entities: all })),
    });
    const engine = engineFor(entities);

    const storm = await Promise.all(
      Array.from({ length: 10 }, () =>
        engine.assessOne('component:default/svc-0'),
      ),
    );
    expect(
      storm[0]!.checks.find(c => c.id === 'experiment-tracking'),
    ).toMatchObject({
      status: 'pass',
    });
    expect(storm.every(a => a === storm[0])).toBe(true);
    // The entity, then the owners' counts and the systems' domains (the in-memory catalog
    // answers each stream with one query).
    expect(catalog!.calls).toEqual({ queryEntities: 3, streamEntities: 2 });
    expect(mlflow.count(MLFLOW_PATHS.models)).toBe(1);
    expect(mlflow.count(MLFLOW_PATHS.versions)).toBe(1);

    // Other entities refreshed within the window read only themselves.
    await Promise.all(
      names.slice(1).map(name => engine.assessOne(`component:default/${name}`)),
    );
    expect(catalog!.calls).toEqual({
      queryEntities: names.length + 2,
      streamEntities: 2,
    });
    expect(mlflow.count(MLFLOW_PATHS.models)).toBe(1);
    expect(mlflow.count(MLFLOW_PATHS.run)).toBe(names.length);
    expect(await store.getHistory('component:default/svc-0', {})).toHaveLength(
      1,
    );

    // A refresh after the storm is a new assessment, not the shared one.
    const later = await engine.assessOne('component:default/svc-0');
    expect(later).not.toBe(storm[0]);
    expect(catalog!.calls.queryEntities).toBe(names.length + 3);
  });

  it('does not share a failed read of the catalog', async () => {
    let failing = true;
    class FlakyCatalog extends InMemoryCatalogClient {
      streamEntities(
        ...args: Parameters<InMemoryCatalogClient['streamEntities']>
      ) {
        if (failing) throw new Error('catalog unavailable');
        return super.streamEntities(...args);
      }
    }
    const { engineFor } = await createTestEngine({
      knex: await databases.init(id),
      clock: () => new Date(),
      catalogFor: all => new FlakyCatalog({ entities: all }),
    });
    const engine = engineFor([mlService('churn', { level: 1 })]);
    await expect(engine.assessOne('component:default/churn')).rejects.toThrow(
      'catalog unavailable',
    );
    failing = false;
    expect(await engine.assessOne('component:default/churn')).toMatchObject({
      level: 1,
    });
  });
});

import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { EvidenceCollector } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { Knex } from 'knex';
import { readMaturityConfig } from '../config/readMaturityConfig';
import { AssessmentEngine } from '../engine/AssessmentEngine';
import { CatalogReader } from '../engine/CatalogReader';
import { EvidenceGatherer } from '../engine/EvidenceGatherer';
import { RepositoryCollector } from '../evidence/RepositoryCollector';
import { DatabaseMaturityStore } from '../store/DatabaseMaturityStore';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

/**
 * An assessment engine on a real store (SQLite unless given a database), with a test catalog
 * per call and a clock the test moves.
 */
export async function createTestEngine(options: {
  collectors?: EvidenceCollector[];
  /** What the repository collector reads through; by default a reader that reads nothing. */
  urlReader?: UrlReaderService;
  config?: object;
  clock: () => Date;
  /** The database of the store; by default a new SQLite one. */
  knex?: Knex;
  /** The catalog the engine reads the entities from; by default the in-memory one. */
  catalogFor?: (entities: Entity[]) => InMemoryCatalogClient;
}) {
  const knex = options.knex ?? (await databases.init('SQLITE_3'));
  const store = await DatabaseMaturityStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const config = readMaturityConfig(
    new ConfigReader({ mlopsMaturity: options.config ?? {} }),
  );
  const logger = mockServices.logger.mock();
  const repository = new RepositoryCollector({
    urlReader: options.urlReader ?? mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    logger,
  });
  const engineFor = (entities: Entity[]) =>
    new AssessmentEngine({
      catalog: new CatalogReader({
        catalog: (options.catalogFor?.(entities) ??
          new InMemoryCatalogClient({ entities })) as any,
        auth: mockServices.auth(),
        selector: config.selector,
      }),
      store,
      evidence: new EvidenceGatherer({
        collectors: () => [repository, ...(options.collectors ?? [])],
        rubric: config.rubric,
        logger,
      }),
      config,
      logger,
      now: options.clock,
    });
  return { store, engineFor, logger, knex };
}

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { EvidenceCollector } from '@mlops-maturity/plugin-mlops-maturity-node';
import { readMaturityConfig } from '../config/readMaturityConfig';
import { DatabaseMaturityStore } from '../database/DatabaseMaturityStore';
import { RepositoryEvidence } from '../evidence/RepositoryEvidence';
import { AssessmentEngine } from '../scoring/AssessmentEngine';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

/**
 * An assessment engine on a real SQLite store, with a test catalog per call and a clock the
 * test moves.
 */
export async function createTestEngine(options: {
  collectors?: EvidenceCollector[];
  config?: object;
  clock: () => Date;
}) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseMaturityStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const config = readMaturityConfig(
    new ConfigReader({ mlopsMaturity: options.config ?? {} }),
  );
  const logger = mockServices.logger.mock();
  const engineFor = (entities: Entity[]) =>
    new AssessmentEngine({
      catalog: new InMemoryCatalogClient({ entities }) as any,
      auth: mockServices.auth(),
      store,
      collectors: () => options.collectors ?? [],
      repository: new RepositoryEvidence({
        urlReader: mockServices.urlReader.mock(),
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
        logger,
      }),
      config,
      logger,
      now: options.clock,
    });
  return { store, engineFor, logger };
}

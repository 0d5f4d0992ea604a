import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { assessmentWrite } from '../../__testUtils__/assessments';
import { createTestDatabases } from '../../__testUtils__/databases';
import { DatabaseMaturityStore } from '../DatabaseMaturityStore';
import type { AssessmentWrite, SourceResult } from '../MaturityStore';

/** SQLite, and PostgreSQL where the test scripts run it. */
export const databases = createTestDatabases();

/** A migrated store on a fresh database, and its knex client. */
export async function createStore(
  id: TestDatabaseId,
  options: { notifyLevelChanges?: boolean } = {},
) {
  const knex = await databases.init(id);
  const store = await DatabaseMaturityStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
    notifyLevelChanges: options.notifyLevelChanges,
  });
  return { store, knex };
}

/**
 * A write of the entity's assessment as the engine evaluates it, with the given source
 * results (none by default).
 */
export function storeWrite(
  entity: Entity,
  options: {
    now?: Date;
    domain?: string;
    sourceResults?: SourceResult[];
  } = {},
): AssessmentWrite {
  const { assessment } = assessmentWrite(entity, {
    now: options.now,
    domain: options.domain,
  });
  return { assessment, sourceResults: options.sourceResults ?? [] };
}

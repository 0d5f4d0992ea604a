import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * The PostgreSQL id the test scripts run a server for (scripts/postgres.sh exports it),
 * so tests name the version that is really there.
 */
export const postgresTestId = (process.env.MLOPS_TEST_POSTGRES_ID ??
  'POSTGRES_16') as TestDatabaseId;

/**
 * Test databases for SQLite and the PostgreSQL server of the test scripts. Outside the
 * scripts, without a connection string, only SQLite runs.
 */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: ['SQLITE_3', postgresTestId],
    disableDocker: true,
  });
}

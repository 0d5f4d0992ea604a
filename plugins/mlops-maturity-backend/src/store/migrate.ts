import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@mlops-maturity/plugin-mlops-maturity-backend',
  'migrations',
);

/**
 * Brings the plugin's tables to the latest schema.
 *
 * Replicas starting together race to create knex's own bookkeeping tables before its lock
 * exists; the loser fails and retries once the winner has created them.
 *
 * @internal
 */
export async function migrate(db: Knex, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise(resolve => setTimeout(resolve, 200 * attempt));
    }
  }
}

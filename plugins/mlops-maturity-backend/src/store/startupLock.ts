import type { DatabaseService } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';

const STARTUP_LOCK_NAME = 'mlops-maturity:startup';

/** The signed 64-bit key of a PostgreSQL advisory lock, as a string for a bigint cast. */
function advisoryLockKey(name: string): string {
  return createHash('sha256')
    .update(name)
    .digest()
    .readBigInt64BE(0)
    .toString();
}

/**
 * Runs the plugin's start-up database work (migrations: its own, and the scheduler's that
 * the first `scheduleTask` runs) so that replicas starting together on one PostgreSQL
 * database take turns: the others wait on a PostgreSQL advisory lock until `work` settles,
 * or until the holder's connection ends. On other databases, such as SQLite, where each
 * process has its own database, `work` runs directly.
 *
 * The lock is held by a transaction on one connection of the plugin's pool while `work`
 * uses other connections, so the pool must allow at least two.
 *
 * @internal
 */
export async function withStartupLock<T>(
  database: DatabaseService,
  work: () => Promise<T>,
): Promise<T> {
  const knex = await database.getClient();
  if (knex.client.dialect !== 'postgresql') {
    return work();
  }
  // Knex's migrator is not safe against a concurrent one on a new database: it checks for
  // its bookkeeping tables, then creates them and inserts the lock row, so two processes
  // can both create a table (one fails) or both insert a lock row (then every later
  // migration finds the lock taken, as taking it updates two rows). The scheduler memoises
  // a failed migration, so a retry cannot help; not racing does. A transaction-level lock
  // is released with its transaction, never left in the pool, and by PostgreSQL if the
  // process dies.
  return knex.transaction(async trx => {
    await trx.raw('SELECT pg_advisory_xact_lock(?::bigint)', [
      advisoryLockKey(STARTUP_LOCK_NAME),
    ]);
    return work();
  });
}

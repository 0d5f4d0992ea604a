// The benchmark's database measures (bench.test.ts): its size and its history rows.
import type { Knex } from 'knex';

export async function databaseBytes(knex: Knex): Promise<number> {
  if (knex.client.config.client === 'pg') {
    const r = await knex.raw(
      'select pg_database_size(current_database()) as size',
    );
    return Number(r.rows[0].size);
  }
  const [{ page_count: pages }] = await knex.raw('PRAGMA page_count');
  const [{ page_size: size }] = await knex.raw('PRAGMA page_size');
  return Number(pages) * Number(size);
}

/** Bytes of the plugin's own tables with their indexes (PostgreSQL only). */
export async function pluginTableBytes(
  knex: Knex,
): Promise<number | undefined> {
  if (knex.client.config.client !== 'pg') return undefined;
  const r = await knex.raw(
    `select coalesce(sum(pg_total_relation_size(c.oid)), 0) as size
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname = current_schema() and c.relname like 'mlops\\_%'`,
  );
  return Number(r.rows[0].size);
}

export async function historyRows(knex: Knex): Promise<number> {
  const [{ count }] = await knex('mlops_history').count({ count: '*' });
  return Number(count);
}

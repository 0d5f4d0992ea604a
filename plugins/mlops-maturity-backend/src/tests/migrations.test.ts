import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@mlops-maturity/plugin-mlops-maturity-backend',
  'migrations',
);
const databases = createTestDatabases();

/** The error a query fails with, as text ('' if it succeeds). */
async function errorOf(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
    return '';
  } catch (error) {
    return String(error);
  }
}

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('go up with rows in every table and back down cleanly', async () => {
    const knex = await databases.init(databaseId);
    // 20261126120000_init
    await knex.migrate.up({ directory: migrationsDir });
    const at = new Date('2026-11-26T12:00:00Z');
    await knex('mlops_assessments').insert({
      entity_ref: 'component:default/churn',
      kind: 'component',
      namespace: 'default',
      name: 'churn',
      level: 2,
      verified_level: 1,
      target_level: 3,
      meets_target: false,
      skipped_foundations: false,
      rubric_version: 'abc',
      document: '{}',
      content_hash: 'h',
      assessed_at: at,
      seen_at: at,
    });
    await knex('mlops_check_results').insert({
      entity_ref: 'component:default/churn',
      check_id: 'training-script',
      level: 1,
      status: 'pass',
      stale: false,
      counts: true,
      blocks_next: false,
    });
    const history = {
      entity_ref: 'component:default/churn',
      previous_id: 0,
      assessed_at: at,
      level: 2,
      verified_level: 1,
      target_level: 3,
      rubric_version: 'abc',
      statuses: '{}',
      changes: '[]',
    };
    await knex('mlops_history').insert(history);

    let error: unknown;
    try {
      await knex('mlops_history').insert(history);
    } catch (e) {
      error = e;
    }
    expect(String(error)).toMatch(/unique|duplicate/i);
    const [{ n }] = await knex('mlops_history').count({ n: '*' });
    expect(Number(n)).toBe(1);
    await knex('mlops_runs').insert({
      trigger: 'schedule',
      started_at: at,
      status: 'completed',
    });

    await knex('mlops_check_results')
      .where({ entity_ref: 'component:default/churn' })
      .update({ last_pass_at: at });

    // 20261129120000_source_results: up keeps the rows of the altered tables.
    await knex.migrate.up({ directory: migrationsDir });
    expect(
      await knex.schema.hasColumn('mlops_check_results', 'last_pass_at'),
    ).toBe(false);
    expect(await knex('mlops_check_results')).toHaveLength(1);
    expect(
      await errorOf(
        knex('mlops_check_results').insert({
          entity_ref: 'component:default/churn',
          check_id: 'training-script',
          level: 1,
          status: 'fail',
          stale: false,
          counts: true,
          blocks_next: false,
        }),
      ),
    ).toMatch(/unique|duplicate/i);
    expect(
      (await knex('mlops_runs').select('selected')).map(r => r.selected),
    ).toEqual([0]);
    const sourceResult = {
      entity_ref: 'component:default/churn',
      check_id: 'training-script',
      source: 'repository',
      status: 'pass',
      message: 'src/train.py exists',
      links: '[]',
      verified_at: at,
    };
    await knex('mlops_source_results').insert(sourceResult);
    await knex('mlops_source_results').insert({
      ...sourceResult,
      source: 'github',
      details: '{}',
      observed_at: at,
    });
    expect(
      await errorOf(knex('mlops_source_results').insert(sourceResult)),
    ).toMatch(/unique|duplicate/i);
    await knex('mlops_runs').insert({
      trigger: 'manual',
      started_at: at,
      status: 'aborted',
      selected: 10,
    });

    // 20261130120000_run_progress: runs held back by the removal guard; runs kept.
    await knex.migrate.up({ directory: migrationsDir });
    expect(
      (await knex('mlops_runs').orderBy('id').select('removal_held')).map(
        r => r.removal_held,
      ),
    ).toEqual([0, 0]);
    await knex('mlops_runs').insert({
      trigger: 'schedule',
      started_at: at,
      status: 'running',
      removal_held: 3,
    });

    // 20261201120000_history_notifications: history written before notifies nobody.
    await knex.migrate.up({ directory: migrationsDir });
    expect(
      await knex('mlops_history').select(
        'notification',
        'notification_claimed_until',
        'notified_at',
      ),
    ).toEqual([
      {
        notification: 'none',
        notification_claimed_until: null,
        notified_at: null,
      },
    ]);
    const [{ id: firstId }] = await knex('mlops_history').select('id');
    await knex('mlops_history').insert({
      ...history,
      previous_id: firstId,
      level: 3,
      notification: 'pending',
      notification_claimed_until: at,
    });
    expect(
      await errorOf(
        knex('mlops_history').insert({ ...history, previous_id: firstId }),
      ),
    ).toMatch(/unique|duplicate/i);
    await knex.migrate.down({ directory: migrationsDir });
    for (const column of [
      'notification',
      'notification_claimed_until',
      'notified_at',
    ]) {
      expect(await knex.schema.hasColumn('mlops_history', column)).toBe(false);
    }
    expect(
      (await knex('mlops_history').orderBy('id').select('level')).map(
        r => r.level,
      ),
    ).toEqual([2, 3]);
    // The history's unique successor survives the column drop (SQLite rebuilds the table).
    expect(
      await errorOf(
        knex('mlops_history').insert({ ...history, previous_id: firstId }),
      ),
    ).toMatch(/unique|duplicate/i);
    await knex('mlops_history').where('level', 3).delete();

    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasColumn('mlops_runs', 'removal_held')).toBe(
      false,
    );
    expect(await knex('mlops_runs')).toHaveLength(3);
    await knex('mlops_runs').where('status', 'running').delete();

    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasTable('mlops_source_results')).toBe(false);
    expect(
      await knex.schema.hasColumn('mlops_check_results', 'last_pass_at'),
    ).toBe(true);
    expect(await knex.schema.hasColumn('mlops_runs', 'selected')).toBe(false);
    expect(await knex('mlops_check_results')).toHaveLength(1);
    expect(await knex('mlops_runs')).toHaveLength(2);

    await knex.migrate.down({ directory: migrationsDir });
    for (const table of [
      'mlops_assessments',
      'mlops_check_results',
      'mlops_history',
      'mlops_runs',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    await knex.destroy();
  });
});

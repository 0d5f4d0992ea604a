import { createStore, databases } from './__testUtils__/testStore';
import { CHECKS, CheckRow } from './tables';
import { insertRows, toIso } from './values';

jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())('insertRows on %p', id => {
  it('stores every row and value as written: dates, nulls, booleans, beyond one statement', async () => {
    const { knex } = await createStore(id);
    const observed = new Date('2026-11-25T08:30:00.123Z');
    const rows: CheckRow[] = Array.from({ length: 1_001 }, (_, i) => ({
      entity_ref: `component:default/svc-${i}`,
      check_id: i % 2 ? 'experiment-tracking' : 'training-pipeline',
      level: i % 5,
      status: i % 3 ? 'pass' : 'fail',
      observed_at: i % 4 ? observed : null,
      stale: i % 2 === 0,
      counts: i % 3 === 0,
      blocks_next: i % 5 === 0,
    }));
    await insertRows(knex, CHECKS, rows);

    const stored: CheckRow[] = await knex(CHECKS).orderBy('entity_ref');
    const read = (r: CheckRow) => ({
      ...r,
      observed_at: toIso(r.observed_at ?? undefined) ?? null,
      stale: Boolean(r.stale),
      counts: Boolean(r.counts),
      blocks_next: Boolean(r.blocks_next),
    });
    const sorted = [...rows].sort((a, b) =>
      a.entity_ref.localeCompare(b.entity_ref),
    );
    expect(stored.map(read)).toEqual(
      sorted.map(r => ({
        ...r,
        observed_at: r.observed_at ? observed.toISOString() : null,
      })),
    );
  });

  it('does nothing for no rows', async () => {
    const { knex } = await createStore(id);
    await insertRows(knex, CHECKS, []);
    expect(await knex(CHECKS).count({ n: '*' })).toEqual([
      { n: id.startsWith('POSTGRES') ? '0' : 0 },
    ]);
  });
});

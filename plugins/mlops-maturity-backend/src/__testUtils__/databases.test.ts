import { createTestDatabases, postgresTestId } from './databases';

const databases = createTestDatabases();

describe('test databases', () => {
  it('include PostgreSQL whenever the test scripts provide a server', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    const postgresProvided = Boolean(process.env.MLOPS_TEST_POSTGRES_ID);
    expect(ids).toContain('SQLITE_3');
    expect(ids.includes(postgresTestId)).toBe(postgresProvided);
  });

  it.each(databases.eachSupportedId())(
    'round-trips rows on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('probe', table => {
        table.string('id').primary();
        table.text('value');
      });
      await knex('probe').insert([
        { id: 'a', value: 'x' },
        { id: 'b', value: 'ü' },
      ]);
      const rows = await knex('probe').orderBy('id');
      expect(rows).toEqual([
        { id: 'a', value: 'x' },
        { id: 'b', value: 'ü' },
      ]);
    },
  );
});

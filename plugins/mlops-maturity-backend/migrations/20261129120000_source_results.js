// @ts-check

/**
 * What each evidence source last verified about each check, replacing the single
 * `last_pass_at` of a check; and how many entities each run selected.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_source_results', table => {
    table.comment(
      'The last pass or fail each evidence source verified for each check of each entity',
    );
    table.string('entity_ref', 512).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('source', 255).notNullable();
    table.string('status', 32).notNullable();
    table.text('message').notNullable();
    table.text('links').notNullable().comment('JSON array of evidence links');
    table.text('details').comment('JSON object, if the source gave details');
    table
      .timestamp('observed_at', { useTz: true })
      .comment('When the tool saw the thing proven');
    table
      .timestamp('verified_at', { useTz: true })
      .notNullable()
      .comment('When the source said it');
    table.primary(['entity_ref', 'check_id', 'source']);
  });

  await knex.schema.alterTable('mlops_check_results', table => {
    table.dropColumn('last_pass_at');
  });

  await knex.schema.alterTable('mlops_runs', table => {
    table
      .integer('selected')
      .notNullable()
      .defaultTo(0)
      .comment('How many entities the selector chose');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mlops_runs', table => {
    table.dropColumn('selected');
  });
  await knex.schema.alterTable('mlops_check_results', table => {
    table.timestamp('last_pass_at', { useTz: true });
  });
  await knex.schema.dropTable('mlops_source_results');
};

// @ts-check

/**
 * Current assessments, their check results, a compact history and the record of runs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_assessments', table => {
    table.comment('The current assessment of each selected entity');
    table.string('entity_ref', 512).primary().notNullable();
    table.string('kind', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.text('title');
    table.string('owner', 512).index();
    table.string('system', 512).index();
    table.string('domain', 512).index();
    table.string('lifecycle', 255).index();
    table.integer('level').notNullable().index();
    table.integer('verified_level').notNullable();
    table.integer('target_level').notNullable();
    table.boolean('meets_target').notNullable();
    table.boolean('skipped_foundations').notNullable();
    table.string('rubric_version', 64).notNullable();
    table
      .text('document')
      .notNullable()
      .comment('The assessment as served (JSON), without assessedAt');
    table
      .string('content_hash', 64)
      .notNullable()
      .comment(
        'Hash of everything shown; rows are rewritten only when it changes',
      );
    table.timestamp('assessed_at', { useTz: true }).notNullable();
    table.timestamp('seen_at', { useTz: true }).notNullable().index();
  });

  await knex.schema.createTable('mlops_check_results', table => {
    table.comment(
      'The status of each rubric check of each entity, for aggregation and outage handling',
    );
    table.string('entity_ref', 512).notNullable();
    table.string('check_id', 255).notNullable();
    table.integer('level').notNullable();
    table.string('status', 32).notNullable();
    table.timestamp('observed_at', { useTz: true });
    table.timestamp('last_pass_at', { useTz: true });
    table.boolean('stale').notNullable();
    table.boolean('counts').notNullable();
    table.boolean('blocks_next').notNullable();
    table.primary(['entity_ref', 'check_id']);
    table.index(['blocks_next', 'check_id']);
  });

  await knex.schema.createTable('mlops_history', table => {
    table.comment(
      'One row per change of an entity: level, target or a check status',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table
      .bigInteger('previous_id')
      .notNullable()
      .comment(
        'The row this one follows (0 for the first); unique per entity, so concurrent writers cannot fork the history',
      );
    table.timestamp('assessed_at', { useTz: true }).notNullable().index();
    table.integer('level').notNullable();
    table.integer('verified_level').notNullable();
    table.integer('target_level').notNullable();
    table.string('rubric_version', 64).notNullable();
    table
      .text('statuses')
      .notNullable()
      .comment('JSON object: check id to status');
    table
      .text('changes')
      .notNullable()
      .comment('JSON array of check status changes');
    table.unique(['entity_ref', 'previous_id']);
    table.index(['entity_ref', 'id']);
  });

  await knex.schema.createTable('mlops_runs', table => {
    table.comment('One row per assessment run');
    table.bigIncrements('id').primary();
    table.string('trigger', 32).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable().index();
    table.timestamp('finished_at', { useTz: true });
    table.string('status', 32).notNullable();
    table.integer('assessed').notNullable().defaultTo(0);
    table.integer('changed').notNullable().defaultTo(0);
    table.integer('failed').notNullable().defaultTo(0);
    table.integer('removed').notNullable().defaultTo(0);
    table
      .text('failures')
      .comment('JSON array of { entityRef, message }, capped');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_runs');
  await knex.schema.dropTable('mlops_history');
  await knex.schema.dropTable('mlops_check_results');
  await knex.schema.dropTable('mlops_assessments');
};

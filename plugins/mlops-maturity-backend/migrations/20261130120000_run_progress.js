// @ts-check

/**
 * Runs are recorded when they start, so that a run whose process died shows as interrupted;
 * and a run records how many removals the removal guard held back.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mlops_runs', table => {
    table
      .integer('removal_held')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Entities that left the selector but were kept, as the drop tripped the removal guard',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mlops_runs', table => {
    table.dropColumn('removal_held');
  });
};

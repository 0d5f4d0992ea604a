// @ts-check

/**
 * Waivers: a platform team's decision that one check of one entity does not apply, until a
 * date. A waiver is never deleted: its grant, revocation and expiry are the entity's audit
 * trail. Assessments keep how many of their checks count only because of one.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_waivers', table => {
    table.comment('Waived checks of entities, with their audit trail');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('check_id', 255).notNullable();
    table.text('reason').notNullable();
    table
      .string('author', 512)
      .notNullable()
      .comment('The user entity ref of who granted it');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('revoked_at', { useTz: true });
    table
      .string('revoked_by', 512)
      .comment('The user entity ref of who revoked it');
    table
      .timestamp('ended_at', { useTz: true })
      .comment(
        'When it stopped applying (revoked, or found expired by a new grant); NULL while open',
      );
    table.index(['entity_ref', 'created_at'], 'mlops_waivers_entity_idx');
  });
  // One open waiver per check of an entity, also between replicas.
  await knex.raw(
    'CREATE UNIQUE INDEX mlops_waivers_open_idx ON mlops_waivers (entity_ref, check_id) WHERE ended_at IS NULL',
  );
  await knex.schema.alterTable('mlops_assessments', table => {
    table
      .integer('waived_checks')
      .comment('How many checks count only because of a waiver');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mlops_assessments', table => {
    table.dropColumn('waived_checks');
  });
  await knex.schema.dropTable('mlops_waivers');
};

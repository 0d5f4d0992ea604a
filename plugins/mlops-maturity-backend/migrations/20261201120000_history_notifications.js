// @ts-check

/**
 * History rows are the outbox of the owners' notifications: a row that changes a service's
 * level, verified level or whether it meets its target is written `pending`, and whichever
 * replica sends it claims it first. Rows written before this migration notify nobody.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mlops_history', table => {
    table
      .string('notification', 16)
      .notNullable()
      .defaultTo('none')
      .comment(
        "The owners' notification of this change: pending, sent, none (nothing to tell) or expired (not sent in time)",
      );
    table
      .timestamp('notification_claimed_until', { useTz: true })
      .comment(
        'While a replica sends the notification: until when no other replica may',
      );
    table
      .timestamp('notified_at', { useTz: true })
      .comment('When the notifications backend accepted the notification');
    table.index(['notification', 'id'], 'mlops_history_notification_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mlops_history', table => {
    table.dropIndex(['notification', 'id'], 'mlops_history_notification_idx');
  });
  await knex.schema.alterTable('mlops_history', table => {
    table.dropColumn('notified_at');
    table.dropColumn('notification_claimed_until');
    table.dropColumn('notification');
  });
};

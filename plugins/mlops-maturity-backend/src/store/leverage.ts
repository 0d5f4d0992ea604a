import type { Knex } from 'knex';
import { ASSESSMENTS, CHECKS } from './tables';

/**
 * The entities whose next level one check alone blocks: one row per entity, `entity_ref` and
 * that check's `check_id`. Fixing the check lifts the entity to its next level.
 *
 * @internal
 */
export function lastBlockers(db: Knex): Knex.QueryBuilder {
  return db(CHECKS)
    .where('blocks_next', true)
    .groupBy('entity_ref')
    .havingRaw('COUNT(*) = 1')
    .select('entity_ref', db.raw('MIN(check_id) AS check_id'));
}

/**
 * The entities below their target that one check keeps from it: one row per entity,
 * `entity_ref` and `check_id`. Of the required checks of the levels above the entity's level up
 * to its target, exactly one does not count. That check is at the next level, since the
 * entity's level stops below it, so it is also the entity's last blocker.
 *
 * @param requiredChecks - the ids of the rubric's required checks; the rows do not say which are
 *
 * @internal
 */
export function oneCheckFromTarget(
  db: Knex,
  requiredChecks: readonly string[],
): Knex.QueryBuilder {
  return db(`${CHECKS} as oc`)
    .join(`${ASSESSMENTS} as oa`, 'oa.entity_ref', 'oc.entity_ref')
    .where('oc.counts', false)
    .whereRaw('oc.level > oa.level AND oc.level <= oa.target_level')
    .whereIn('oc.check_id', [...requiredChecks])
    .groupBy('oc.entity_ref')
    .havingRaw('COUNT(*) = 1')
    .select(
      { entity_ref: 'oc.entity_ref' },
      db.raw('MIN(oc.check_id) AS check_id'),
    );
}

import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { mlService } from '../../__testUtils__/assessments';
import { ASSESS_BATCH_SIZE } from '../../engine/AssessmentEngine';
import { loadRubric } from '../../rubric/loadRubric';

/** Entities per batch of a run (the engine's batch size). */
export const BATCH = ASSESS_BATCH_SIZE;

/** The fault tests' estate size: two whole batches and part of a third. */
export const ENTITIES = 2 * BATCH + 50;

/** The name of the `i`th service of the estate, which is also its registered model's name. */
export const serviceName = (i: number) => `svc-${String(i).padStart(4, '0')}`;

/**
 * Whether MLflow is asked for a run of a service past the first batch: holding those requests
 * stops a run after its first batch's evidence (runs are named `run-<model>`).
 */
export const asksPastFirstBatch = (runIds: string[]) =>
  runIds.some(id => Number(id.replace(/^run-svc-/, '')) >= BATCH);

/**
 * The fault tests' estate: `count` ML services whose registered model is in the MLflow
 * instance `prod`, so that each assessment asks MLflow once per service.
 */
export function faultEstate(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) =>
    mlService(serviceName(i), {
      level: 2,
      owner: `team-${i % 7}`,
      annotations: { 'mlflow.org/registered-model': `prod:${serviceName(i)}` },
    }),
  );
}

/** Waits until `condition` holds, polling; fails naming `what` after `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** A count of rows per entity; PostgreSQL counts as text. */
interface EntityCount {
  entity_ref: string;
  n: number | string;
}

/**
 * What the database holds of the estate: the assessed entities, those whose check rows are
 * not exactly the rubric's (a partial write), and the entities with more than one history
 * row (an unchanged entity re-assessed must add none), the first three with their changes.
 */
export async function storedEstate(knex: Knex) {
  const checks = loadRubric().checks.length;
  const assessed = (await knex('mlops_assessments').pluck(
    'entity_ref',
  )) as string[];
  const perEntity = (table: string): Promise<EntityCount[]> =>
    knex(table).select('entity_ref').count({ n: '*' }).groupBy('entity_ref');
  const checkCounts = new Map<string, number>(
    (await perEntity('mlops_check_results')).map(r => [
      r.entity_ref,
      Number(r.n),
    ]),
  );
  const partial = [
    ...assessed.filter(ref => checkCounts.get(ref) !== checks),
    ...[...checkCounts.keys()].filter(ref => !assessed.includes(ref)),
  ];
  const duplicated = (await perEntity('mlops_history'))
    .filter(r => Number(r.n) > 1)
    .map(r => r.entity_ref);
  // What the first few changed, so that a failure says why they have more than one row.
  const duplicateHistory = await Promise.all(
    duplicated.slice(0, 3).map(async ref => {
      const rows = await knex('mlops_history')
        .where('entity_ref', ref)
        .orderBy('id')
        .pluck('changes');
      return `${ref}: ${rows.join(' then ')}`;
    }),
  );
  if (duplicated.length > 3) {
    duplicateHistory.push(`and ${duplicated.length - 3} more`);
  }
  const [{ n: historyRows }] = await knex('mlops_history').count({ n: '*' });
  const runs = await knex('mlops_runs').orderBy('id');
  return {
    assessed: assessed.length,
    partial,
    historyRows: Number(historyRows),
    duplicateHistory,
    runs: runs.map(r => ({
      status: r.status as string,
      assessed: Number(r.assessed),
      removalHeld: Number(r.removal_held),
    })),
  };
}

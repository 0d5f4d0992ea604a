import type { Knex } from 'knex';
import type { AssessmentWrite, SourceResult } from './MaturityStore';
import { SOURCE_RESULTS, SourceResultRow, StoredDate } from './tables';
import {
  chunks,
  fitText,
  parseJson,
  safeDate,
  safeJson,
  safeText,
  toDate,
} from './values';

type Key = Pick<SourceResultRow, 'entity_ref' | 'check_id' | 'source'>;

/** Statements delete by the three key columns, three bind parameters per row. */
const DELETE_CHUNK = 60;

const keyOf = (row: Key) => `${row.check_id}\u0000${row.source}`;

const timeOf = (value: StoredDate | null | undefined) =>
  value === null || value === undefined ? null : new Date(value).getTime();

/**
 * The row to store for a result, with what PostgreSQL would refuse removed; undefined when
 * the result has no storable verification time.
 */
function toRow(
  entityRef: string,
  result: SourceResult,
): SourceResultRow | undefined {
  const verifiedAt = safeDate(result.verifiedAt);
  if (!verifiedAt) return undefined;
  return {
    entity_ref: entityRef,
    check_id: fitText(result.checkId, 255),
    source: fitText(result.source, 255),
    status: result.status,
    message: safeText(result.message),
    links: safeJson(result.links),
    details: result.details === undefined ? null : safeJson(result.details),
    observed_at: safeDate(result.observedAt),
    verified_at: verifiedAt,
  };
}

function fromRow(row: SourceResultRow): SourceResult {
  const result: SourceResult = {
    checkId: row.check_id,
    source: row.source,
    status: row.status as SourceResult['status'],
    message: row.message,
    links: parseJson(row.links, []),
    verifiedAt: toDate(row.verified_at)!,
  };
  const observedAt = toDate(row.observed_at);
  if (observedAt) result.observedAt = observedAt;
  if (row.details !== null) result.details = parseJson(row.details, {});
  return result;
}

/** Whether a stored row already holds what is about to be written. */
function sameRow(stored: SourceResultRow, written: SourceResultRow): boolean {
  return (
    stored.status === written.status &&
    stored.message === written.message &&
    stored.links === written.links &&
    (stored.details ?? null) === written.details &&
    timeOf(stored.observed_at) === timeOf(written.observed_at) &&
    timeOf(stored.verified_at) === timeOf(written.verified_at)
  );
}

/**
 * What each evidence source last verified about each check of each entity.
 *
 * @internal
 */
export class SourceResultsTable {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** The stored results of these entities, by entity ref; entities without any are absent. */
  async get(
    entityRefs: readonly string[],
  ): Promise<Map<string, SourceResult[]>> {
    const result = new Map<string, SourceResult[]>();
    for (const refs of chunks(entityRefs)) {
      const rows: SourceResultRow[] = await this.#db(SOURCE_RESULTS)
        .whereIn('entity_ref', refs)
        .orderBy(['entity_ref', 'check_id', 'source']);
      for (const row of rows) {
        const list = result.get(row.entity_ref) ?? [];
        list.push(fromRow(row));
        result.set(row.entity_ref, list);
      }
    }
    return result;
  }

  /**
   * Makes each written entity's stored results equal to `write.sourceResults`, within the
   * caller's transaction. Reads the batch's stored rows once and writes only the rows that
   * differ, so re-storing unchanged results costs one SELECT. Returns the rows written or
   * deleted.
   */
  async replace(
    tx: Knex.Transaction,
    writes: readonly AssessmentWrite[],
  ): Promise<number> {
    const refs = writes.map(w => w.assessment.entityRef);
    const stored = new Map<string, Map<string, SourceResultRow>>();
    const rows: SourceResultRow[] = await tx(SOURCE_RESULTS).whereIn(
      'entity_ref',
      refs,
    );
    for (const row of rows) {
      const byKey = stored.get(row.entity_ref) ?? new Map();
      byKey.set(keyOf(row), row);
      stored.set(row.entity_ref, byKey);
    }

    const upserts: SourceResultRow[] = [];
    const deletes: Key[] = [];
    for (const { assessment, sourceResults } of writes) {
      const before = stored.get(assessment.entityRef) ?? new Map();
      const after = new Map<string, SourceResultRow>();
      for (const result of sourceResults) {
        const row = toRow(assessment.entityRef, result);
        if (row) after.set(keyOf(row), row);
      }
      for (const [key, row] of after) {
        const old = before.get(key);
        if (!old || !sameRow(old, row)) upserts.push(row);
      }
      for (const [key, row] of before) {
        if (!after.has(key)) deletes.push(row);
      }
    }

    for (const keys of chunks(deletes, DELETE_CHUNK)) {
      await tx(SOURCE_RESULTS)
        .where(qb => {
          for (const k of keys) {
            qb.orWhere({
              entity_ref: k.entity_ref,
              check_id: k.check_id,
              source: k.source,
            });
          }
        })
        .delete();
    }
    for (const batch of chunks(upserts, 100)) {
      await tx(SOURCE_RESULTS)
        .insert(batch)
        .onConflict(['entity_ref', 'check_id', 'source'])
        .merge();
    }
    return upserts.length + deletes.length;
  }

  /** Deletes the results of the entities a subquery selects. */
  async deleteFor(
    tx: Knex.Transaction,
    entityRefs: Knex.QueryBuilder,
  ): Promise<void> {
    await tx(SOURCE_RESULTS).whereIn('entity_ref', entityRefs).delete();
  }
}

import { createHash } from 'node:crypto';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  Assessment,
  CheckChange,
  CheckStatus,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { Semaphore } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { Knex } from 'knex';
import { notifiesOfChange } from '../notifications/notifiesOfChange';
import type { AssessmentWrite, WriteResult } from './MaturityStore';
import { SourceResultsTable } from './SourceResultsTable';
import type { WaiversTable } from './WaiversTable';
import { summaryColumns, SummaryRow } from './summaryColumns';
import {
  ASSESSMENTS,
  AssessmentRow,
  CATALOG_VALUE_LENGTHS,
  CHECKS,
  CheckRow,
  HISTORY,
  HistoryRow,
} from './tables';
import {
  chunks,
  CUT_MARKER,
  fitText,
  insertRows,
  isPostgres,
  parseJson,
  safeDate,
  safeText,
} from './values';

/** Entities per transaction. */
const BATCH = 100;
/** Transactions in flight at once, on PostgreSQL. */
const WRITERS = 3;

/** The assessment as stored and served, without the time it was last assessed. */
function documentOf(a: Assessment): string {
  const { assessedAt: _ignored, ...content } = a;
  return JSON.stringify(content);
}

function contentHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

function statusesOf(a: Assessment): Record<string, CheckStatus> {
  return Object.fromEntries(a.checks.map(c => [c.id, c.status]));
}

function diffStatuses(
  from: Record<string, CheckStatus>,
  to: Record<string, CheckStatus>,
): CheckChange[] {
  const ids = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return ids
    .filter(id => from[id] !== to[id])
    .map(id => ({ checkId: id, from: from[id], to: to[id] }));
}

/**
 * The summary columns of an assessment, with the values from catalog files cut to their
 * columns (the document keeps them whole) and the title without NUL bytes.
 */
function fittedSummaryColumns(a: Assessment): SummaryRow {
  const row = summaryColumns(a);
  for (const [column, length] of Object.entries(CATALOG_VALUE_LENGTHS)) {
    const key = column as keyof typeof CATALOG_VALUE_LENGTHS;
    const value = row[key];
    if (value !== null) row[key] = fitText(value, length, CUT_MARKER);
  }
  if (row.title !== null) row.title = safeText(row.title);
  return row;
}

function assessmentRow(
  a: Assessment,
  document: string,
  hash: string,
  seenAt: Date,
): AssessmentRow {
  const ref = parseEntityRef(a.entityRef);
  return {
    ...fittedSummaryColumns(a),
    kind: ref.kind,
    namespace: ref.namespace,
    name: ref.name,
    skipped_foundations: a.skippedFoundations,
    rubric_version: a.rubricVersion,
    document,
    content_hash: hash,
    seen_at: seenAt,
  };
}

function checkRows(a: Assessment): CheckRow[] {
  const blockers = new Set(a.nextLevel?.blockers.map(b => b.checkId) ?? []);
  return a.checks.map(c => ({
    entity_ref: a.entityRef,
    check_id: c.id,
    level: c.level,
    status: c.status,
    // Observation times come from tools.
    observed_at: c.observedAt ? safeDate(new Date(c.observedAt)) : null,
    stale: c.stale,
    counts: c.counts,
    blocks_next: blockers.has(c.id),
  }));
}

/**
 * The history row for a new assessment, or undefined when the level, verified level, target,
 * rubric and every check status are as in the entity's latest row. It is `pending` when the
 * owners are to be notified of it, decided here so that the row and its notification are
 * committed together.
 */
function historyRow(
  a: Assessment,
  last: HistoryRow | undefined,
  notify: boolean,
):
  | Omit<HistoryRow, 'id' | 'notification_claimed_until' | 'notified_at'>
  | undefined {
  const statuses = statusesOf(a);
  const changes = diffStatuses(
    last ? parseJson<Record<string, CheckStatus>>(last.statuses, {}) : {},
    statuses,
  );
  const changed =
    !last ||
    last.level !== a.level ||
    last.verified_level !== a.verifiedLevel ||
    last.target_level !== a.targetLevel ||
    last.rubric_version !== a.rubricVersion ||
    changes.length > 0;
  if (!changed) return undefined;
  const pending =
    notify &&
    notifiesOfChange(
      last && {
        level: last.level,
        verifiedLevel: last.verified_level,
        targetLevel: last.target_level,
        rubricVersion: last.rubric_version,
      },
      a,
    );
  return {
    entity_ref: a.entityRef,
    previous_id: last ? Number(last.id) : 0,
    assessed_at: new Date(a.assessedAt),
    level: a.level,
    verified_level: a.verifiedLevel,
    target_level: a.targetLevel,
    rubric_version: a.rubricVersion,
    statuses: JSON.stringify(statuses),
    changes: JSON.stringify(changes),
    notification: pending ? 'pending' : 'none',
  };
}

/**
 * Writes assessments, their check and source results and the history of changes, and
 * removes what left the selector.
 *
 * @internal
 */
export class AssessmentWriter {
  readonly #db: Knex;
  readonly #sourceResults: SourceResultsTable;
  readonly #waivers: WaiversTable;
  readonly #notify: boolean;

  /** With `notify`, history rows that change a level are written pending notification. */
  constructor(
    db: Knex,
    tables: { sourceResults: SourceResultsTable; waivers: WaiversTable },
    options: { notify?: boolean } = {},
  ) {
    this.#db = db;
    this.#sourceResults = tables.sourceResults;
    this.#waivers = tables.waivers;
    this.#notify = options.notify ?? false;
  }

  /**
   * Stores new assessments, one transaction per batch of entities. Rows are rewritten only
   * when their content changed; a history row is added only when something it records did.
   */
  async write(
    writes: readonly AssessmentWrite[],
    seenAt: Date,
  ): Promise<WriteResult> {
    const total: WriteResult = { rewritten: 0, historyRows: 0 };
    // On PostgreSQL, several transactions at once: while the database works on one, the
    // backend prepares another; their entities differ, so none waits on another's rows.
    // SQLite takes one writer at a time (another connection's commit would find it locked).
    const limit = new Semaphore(isPostgres(this.#db) ? WRITERS : 1);
    // All settle before a failure is thrown: the caller may retry what failed.
    const settled = await Promise.allSettled(
      chunks(writes, BATCH).map(batch =>
        limit.run(async () => {
          const r = await this.#db.transaction(tx =>
            this.#writeBatch(tx, batch, seenAt),
          );
          total.rewritten += r.rewritten;
          total.historyRows += r.historyRows;
        }),
      ),
    );
    const failure = settled.find(r => r.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
    return total;
  }

  async #writeBatch(
    tx: Knex.Transaction,
    batch: readonly AssessmentWrite[],
    seenAt: Date,
  ): Promise<WriteResult> {
    const writes = await this.#withoutSuperseded(tx, batch, seenAt);
    if (writes.length === 0) return { rewritten: 0, historyRows: 0 };
    const refs = writes.map(w => w.assessment.entityRef);
    const currentQuery = tx(ASSESSMENTS)
      .whereIn('entity_ref', refs)
      .select('entity_ref', 'content_hash');
    // Serializes replicas writing the same entities; SQLite serializes all writers anyway.
    if (isPostgres(tx)) currentQuery.forUpdate();
    const current = new Map<string, string>(
      (await currentQuery).map(
        (r: Pick<AssessmentRow, 'entity_ref' | 'content_hash'>) => [
          r.entity_ref,
          r.content_hash,
        ],
      ),
    );
    const latestIds = tx(HISTORY)
      .whereIn('entity_ref', refs)
      .groupBy('entity_ref')
      .max({ id: 'id' })
      .select('entity_ref');
    const latestRows: HistoryRow[] = await tx(HISTORY)
      .join(latestIds.as('latest'), `${HISTORY}.id`, 'latest.id')
      .select(`${HISTORY}.*`);
    const latest = new Map(latestRows.map(r => [r.entity_ref, r]));

    const rewrite: AssessmentRow[] = [];
    const rewriteChecks: CheckRow[] = [];
    const unchanged: string[] = [];
    for (const { assessment: a } of writes) {
      const document = documentOf(a);
      const hash = contentHash(document);
      if (current.get(a.entityRef) === hash) {
        unchanged.push(a.entityRef);
      } else {
        rewrite.push(assessmentRow(a, document, hash, seenAt));
        rewriteChecks.push(...checkRows(a));
      }
    }

    if (rewrite.length > 0) {
      await tx(CHECKS)
        .whereIn(
          'entity_ref',
          rewrite.map(r => r.entity_ref),
        )
        .delete();
      await tx(ASSESSMENTS).insert(rewrite).onConflict('entity_ref').merge();
      await insertRows(tx, CHECKS, rewriteChecks);
    }
    if (unchanged.length > 0) {
      const assessedAt = new Date(writes[0].assessment.assessedAt);
      await tx(ASSESSMENTS)
        .whereIn('entity_ref', unchanged)
        .update({ assessed_at: assessedAt, seen_at: seenAt });
    }

    // Also for unchanged assessments: a source may have re-verified what it said before.
    await this.#sourceResults.replace(tx, writes);

    const historyRows = writes.flatMap(({ assessment: a }) => {
      const row = historyRow(a, latest.get(a.entityRef), this.#notify);
      return row ? [row] : [];
    });
    let inserted = 0;
    for (const rows of chunks(historyRows)) {
      // A concurrent writer that added the same successor first wins; ours is dropped.
      const result: unknown = await tx(HISTORY)
        .insert(rows)
        .onConflict(['entity_ref', 'previous_id'])
        .ignore()
        .returning('id');
      inserted += Array.isArray(result) ? result.length : rows.length;
    }
    return { rewritten: rewrite.length, historyRows: inserted };
  }

  /**
   * The writes that no waiver change has superseded. A scheduled run that read an entity's
   * waivers before a grant or a revocation would otherwise overwrite the re-assessment that
   * applied it, and move the level back until the next run. Superseded entities are only
   * marked as seen.
   */
  async #withoutSuperseded(
    tx: Knex.Transaction,
    writes: readonly AssessmentWrite[],
    seenAt: Date,
  ): Promise<readonly AssessmentWrite[]> {
    const readAts = writes.flatMap(w =>
      w.waiversReadAt ? [w.waiversReadAt.getTime()] : [],
    );
    if (readAts.length === 0) return writes;
    const changed = await this.#waivers.changedSince(
      tx,
      writes.map(w => w.assessment.entityRef),
      new Date(Math.min(...readAts)),
    );
    const superseded = new Set(
      writes
        .filter(w => {
          const at = changed.get(w.assessment.entityRef);
          return at && w.waiversReadAt && at > w.waiversReadAt;
        })
        .map(w => w.assessment.entityRef),
    );
    if (superseded.size === 0) return writes;
    await tx(ASSESSMENTS)
      .whereIn('entity_ref', [...superseded])
      .update({ seen_at: seenAt });
    return writes.filter(w => !superseded.has(w.assessment.entityRef));
  }

  /** Marks entities as still selected without rewriting them. */
  async markSeen(entityRefs: readonly string[], seenAt: Date): Promise<void> {
    for (const refs of chunks(entityRefs)) {
      await this.#db(ASSESSMENTS)
        .whereIn('entity_ref', refs)
        .update({ seen_at: seenAt });
    }
  }

  /** How many entities are assessed, and how many of them were not seen since `before`. */
  async countUnseen(before: Date): Promise<{ total: number; unseen: number }> {
    const [row] = await this.#db(ASSESSMENTS)
      .count({ total: '*' })
      .sum({
        unseen: this.#db.raw('CASE WHEN ?? < ? THEN 1 ELSE 0 END', [
          'seen_at',
          before,
        ]),
      });
    return { total: Number(row.total), unseen: Number(row.unseen ?? 0) };
  }

  /**
   * Removes the assessments, check results and source results of entities not seen since
   * `before`; their history stays.
   */
  async removeUnseen(before: Date): Promise<number> {
    return this.#db.transaction(async tx => {
      const gone = tx(ASSESSMENTS)
        .where('seen_at', '<', before)
        .select('entity_ref');
      await tx(CHECKS).whereIn('entity_ref', gone.clone()).delete();
      await this.#sourceResults.deleteFor(tx, gone.clone());
      const removed: number = await tx(ASSESSMENTS)
        .where('seen_at', '<', before)
        .delete();
      return removed;
    });
  }

  /**
   * Deletes history older than `before`, keeping each entity's latest row before it: that row
   * gives the entity's level from `before` until its next row, so the trend still counts the
   * entity at every moment since. (It is also the latest row of an entity that has not changed
   * since.)
   */
  async pruneHistory(before: Date): Promise<number> {
    const kept = this.#db(HISTORY)
      .where('assessed_at', '<', before)
      .groupBy('entity_ref')
      .max('id');
    return this.#db(HISTORY)
      .where('assessed_at', '<', before)
      .whereNotIn('id', kept)
      .delete();
  }
}

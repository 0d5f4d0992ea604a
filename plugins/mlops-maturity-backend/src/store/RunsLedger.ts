import type { Knex } from 'knex';
import type { RunRecord } from './MaturityStore';
import { RUNS, RunRow } from './tables';
import { parseJson, safeJson, toDate } from './values';

/** Failures kept per run; the rest are counted in `failed` only. */
const MAX_FAILURES = 100;

/**
 * The record of assessment runs, newest first.
 *
 * @internal
 */
export class RunsLedger {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** Adds a finished run. */
  async record(run: RunRecord): Promise<void> {
    const row: Omit<RunRow, 'id'> = {
      trigger: run.trigger,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      status: run.status,
      selected: run.selected,
      assessed: run.assessed,
      changed: run.changed,
      failed: run.failed,
      removed: run.removed,
      // Failure messages come from tools and catalog files.
      failures: safeJson(run.failures.slice(0, MAX_FAILURES)),
    };
    await this.#db(RUNS).insert(row);
  }

  /** The latest `limit` runs, newest first. */
  async list(limit: number): Promise<RunRecord[]> {
    const rows: RunRow[] = await this.#db(RUNS)
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(r => ({
      trigger: r.trigger as RunRecord['trigger'],
      startedAt: toDate(r.started_at)!,
      selected: r.selected,
      finishedAt: toDate(r.finished_at)!,
      status: r.status as RunRecord['status'],
      assessed: r.assessed,
      changed: r.changed,
      failed: r.failed,
      removed: r.removed,
      failures: parseJson(r.failures, []),
    }));
  }

  /**
   * Deletes runs that started before `before`, with the same retention as the history, but
   * always keeps the latest run so the status page has one to show.
   */
  async prune(before: Date): Promise<number> {
    const latest = this.#db(RUNS).max('id');
    return this.#db(RUNS)
      .where('started_at', '<', before)
      .whereNotIn('id', latest)
      .delete();
  }
}

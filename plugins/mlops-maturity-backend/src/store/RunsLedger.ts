import type { Knex } from 'knex';
import type { RunRecord } from './MaturityStore';
import { RUNS, RunRow } from './tables';
import { parseJson, safeJson, toDate } from './values';

/** Failures kept per run; the rest are counted in `failed` only. */
const MAX_FAILURES = 100;

/** The columns of a run, without its id. */
function runColumns(run: RunRecord): Omit<RunRow, 'id'> {
  return {
    trigger: run.trigger,
    started_at: run.startedAt,
    finished_at: run.finishedAt ?? null,
    status: run.status,
    selected: run.selected,
    assessed: run.assessed,
    changed: run.changed,
    failed: run.failed,
    removed: run.removed,
    removal_held: run.removalHeld,
    // Failure messages come from tools and catalog files.
    failures: safeJson(run.failures.slice(0, MAX_FAILURES)),
  };
}

/** The id an insert returned: a row on PostgreSQL and recent SQLite, a bare id on others. */
function insertedId(returned: unknown[]): number {
  const first = returned[0] as { id: number | string } | number | string;
  return Number(typeof first === 'object' ? first.id : first);
}

/**
 * The record of assessment runs, newest first. A run is recorded as `running` when it starts
 * and updated when it ends, so that a run whose process died leaves a trace.
 *
 * @internal
 */
export class RunsLedger {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * Records a run as running and returns its id. Every other run still recorded as running is
   * marked `interrupted`: scheduled runs take turns (the scheduler's lock in the database), so
   * such a run is one whose process stopped before it could record its end.
   */
  async start(run: RunRecord): Promise<number> {
    return this.#db.transaction(async tx => {
      await tx(RUNS)
        .where('status', 'running')
        .update({ status: 'interrupted' });
      const returned = await tx(RUNS).insert(
        { ...runColumns(run), status: 'running', finished_at: null },
        ['id'],
      );
      return insertedId(returned);
    });
  }

  /** Records how a started run ended. */
  async finish(id: number, run: RunRecord): Promise<void> {
    await this.#db(RUNS).where('id', id).update(runColumns(run));
  }

  /** Adds a finished run. */
  async record(run: RunRecord): Promise<void> {
    await this.#db(RUNS).insert(runColumns(run));
  }

  /** The latest `limit` runs, newest first. */
  async list(limit: number): Promise<RunRecord[]> {
    const rows: RunRow[] = await this.#db(RUNS)
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(r => {
      const run: RunRecord = {
        trigger: r.trigger as RunRecord['trigger'],
        startedAt: toDate(r.started_at)!,
        selected: r.selected,
        status: r.status as RunRecord['status'],
        assessed: r.assessed,
        changed: r.changed,
        failed: r.failed,
        removed: r.removed,
        removalHeld: r.removal_held,
        failures: parseJson(r.failures, []),
      };
      const finishedAt = toDate(r.finished_at);
      if (finishedAt) run.finishedAt = finishedAt;
      return run;
    });
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

import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  Assessment,
  AssessmentPage,
  HistoryEntry,
  Scorecard,
  ScorecardGroupBy,
  ScorecardTrend,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { Knex } from 'knex';
import { AssessmentQueries } from './AssessmentQueries';
import { AssessmentWriter } from './AssessmentWriter';
import type {
  AssessmentFilter,
  AssessmentWrite,
  MaturityStore,
  RunRecord,
  SourceResult,
  WriteResult,
} from './MaturityStore';
import { migrate } from './migrate';
import { NotificationOutbox } from './NotificationOutbox';
import { RunsLedger } from './RunsLedger';
import { SourceResultsTable } from './SourceResultsTable';

/**
 * Stores assessments with knex on SQLite or PostgreSQL: migrates once on creation, then
 * delegates to the writer, the read queries, the source results and the runs ledger; local
 * writes clear the read queries' cached aggregates.
 *
 * @internal
 */
export class DatabaseMaturityStore implements MaturityStore {
  /**
   * Connects, runs the migrations unless skipped, and returns the store. With
   * `notifyLevelChanges`, history rows that change a service's level, verified level or
   * whether it meets its target are written pending notification, for the {@link outbox}.
   */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    notifyLevelChanges?: boolean;
  }): Promise<DatabaseMaturityStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await migrate(db);
    }
    return new DatabaseMaturityStore(db, options.notifyLevelChanges ?? false);
  }

  /** The history rows pending notification, and their claims. */
  readonly outbox: NotificationOutbox;

  readonly #sourceResults: SourceResultsTable;
  readonly #writer: AssessmentWriter;
  readonly #queries: AssessmentQueries;
  readonly #runs: RunsLedger;

  readonly #db: Knex;

  private constructor(db: Knex, notifyLevelChanges: boolean) {
    this.#db = db;
    this.#sourceResults = new SourceResultsTable(db);
    this.#writer = new AssessmentWriter(db, this.#sourceResults, {
      notify: notifyLevelChanges,
    });
    this.outbox = new NotificationOutbox(db);
    this.#queries = new AssessmentQueries(db);
    this.#runs = new RunsLedger(db);
  }

  /** Runs a write, then drops cached aggregates so this replica's next reads see it. */
  async #writing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.#queries.forgetAggregates();
    }
  }

  getSourceResults(entityRefs: string[]): Promise<Map<string, SourceResult[]>> {
    return this.#sourceResults.get(entityRefs);
  }

  writeAssessments(
    writes: AssessmentWrite[],
    seenAt: Date,
  ): Promise<WriteResult> {
    return this.#writing(() => this.#writer.write(writes, seenAt));
  }

  markSeen(entityRefs: string[], seenAt: Date): Promise<void> {
    return this.#writer.markSeen(entityRefs, seenAt);
  }

  countUnseen(before: Date): Promise<{ total: number; unseen: number }> {
    return this.#writer.countUnseen(before);
  }

  removeUnseen(before: Date): Promise<number> {
    return this.#writing(() => this.#writer.removeUnseen(before));
  }

  /** Prunes history and runs with the same cut-off; returns the history rows deleted. */
  pruneHistory(before: Date): Promise<number> {
    return this.#writing(async () => {
      const deleted = await this.#writer.pruneHistory(before);
      await this.#runs.prune(before);
      return deleted;
    });
  }

  async ping(): Promise<void> {
    await this.#db.raw('SELECT 1');
  }

  getAssessment(entityRef: string): Promise<Assessment | undefined> {
    return this.#queries.getAssessment(entityRef);
  }

  getAssessmentJson(entityRef: string): Promise<string | undefined> {
    return this.#queries.getAssessmentJson(entityRef);
  }

  listAssessments(
    filter: AssessmentFilter,
    page: { limit: number; cursor?: string },
  ): Promise<AssessmentPage> {
    return this.#queries.listAssessments(filter, page);
  }

  getScorecard(
    groupBy: ScorecardGroupBy,
    filter: AssessmentFilter,
  ): Promise<Scorecard> {
    return this.#queries.getScorecard(groupBy, filter);
  }

  getTrend(at: Date[], filter: AssessmentFilter): Promise<ScorecardTrend> {
    return this.#queries.getTrend(at, filter);
  }

  getHistory(
    entityRef: string,
    range: { from?: Date; to?: Date },
  ): Promise<HistoryEntry[]> {
    return this.#queries.getHistory(entityRef, range);
  }

  startRun(run: RunRecord): Promise<number> {
    return this.#runs.start(run);
  }

  finishRun(id: number, run: RunRecord): Promise<void> {
    return this.#runs.finish(id, run);
  }

  recordRun(run: RunRecord): Promise<void> {
    return this.#runs.record(run);
  }

  listRuns(limit: number): Promise<RunRecord[]> {
    return this.#runs.list(limit);
  }
}

import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  Assessment,
  AssessmentPage,
  Facets,
  Leverage,
  Rubric,
  HistoryEntry,
  Scorecard,
  ScorecardGroupBy,
  ScorecardTrend,
  Waiver,
  WaiverHistoryEntry,
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
import { loadRubric } from '../rubric/loadRubric';
import { NotificationOutbox } from './NotificationOutbox';
import { RunsLedger } from './RunsLedger';
import { SourceResultsTable } from './SourceResultsTable';
import { NewWaiver, WaiversTable } from './WaiversTable';

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
    /**
     * The rubric the assessments are evaluated against, for which checks are required;
     * by default the default rubric.
     */
    rubric?: Rubric;
    /** The clock of waivers: when they are granted, revoked and active. */
    now?: () => Date;
  }): Promise<DatabaseMaturityStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await migrate(db);
    }
    return new DatabaseMaturityStore(
      db,
      options.notifyLevelChanges ?? false,
      options.now ?? (() => new Date()),
      (options.rubric ?? loadRubric()).checks
        .filter(c => c.required)
        .map(c => c.id),
    );
  }

  /** The history rows pending notification, and their claims. */
  readonly outbox: NotificationOutbox;

  readonly #sourceResults: SourceResultsTable;
  readonly #writer: AssessmentWriter;
  readonly #queries: AssessmentQueries;
  readonly #runs: RunsLedger;
  readonly #waivers: WaiversTable;
  readonly #now: () => Date;

  readonly #db: Knex;

  private constructor(
    db: Knex,
    notifyLevelChanges: boolean,
    now: () => Date,
    requiredChecks: readonly string[],
  ) {
    this.#db = db;
    this.#now = now;
    this.#waivers = new WaiversTable(db);
    this.#sourceResults = new SourceResultsTable(db);
    this.#writer = new AssessmentWriter(
      db,
      { sourceResults: this.#sourceResults, waivers: this.#waivers },
      { notify: notifyLevelChanges },
    );
    this.outbox = new NotificationOutbox(db);
    this.#queries = new AssessmentQueries(db, { requiredChecks });
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

  getFirstAssessedAt(filter: AssessmentFilter): Promise<Date | undefined> {
    return this.#queries.getFirstAssessedAt(filter);
  }

  getLeverage(filter: AssessmentFilter, limit: number): Promise<Leverage> {
    return this.#queries.getLeverage(filter, limit);
  }

  getFacets(filter: AssessmentFilter): Promise<Facets> {
    return this.#queries.getFacets(filter);
  }

  getHistory(
    entityRef: string,
    range: { from?: Date; to?: Date },
  ): Promise<HistoryEntry[]> {
    return this.#queries.getHistory(entityRef, range);
  }

  getWaiverHistory(
    entityRef: string,
    range: { from?: Date; to?: Date },
  ): Promise<WaiverHistoryEntry[]> {
    return this.#waivers.history(entityRef, range, this.#now());
  }

  createWaiver(waiver: NewWaiver): Promise<Waiver> {
    return this.#waivers.create(waiver, this.#now());
  }

  revokeWaiver(
    target: { entityRef: string; id: string },
    revokedBy: string,
  ): Promise<Waiver> {
    return this.#waivers.revoke(target, revokedBy, this.#now());
  }

  getActiveWaivers(
    entityRefs: readonly string[],
    now: Date,
  ): Promise<Map<string, Waiver[]>> {
    return this.#waivers.active(entityRefs, now);
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

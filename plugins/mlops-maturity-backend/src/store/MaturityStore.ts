import type { JsonObject } from '@backstage/types';
import type {
  Assessment,
  EvidenceLink,
  AssessmentPage,
  CheckStatus,
  Facets,
  HistoryEntry,
  Leverage,
  MaturityFilter,
  Scorecard,
  ScorecardGroupBy,
  ScorecardTrend,
  Waiver,
  WaiverHistoryEntry,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { NewWaiver } from './WaiversTable';

/**
 * What one source (a collector such as `mlflow`, or `repository`) last verified about one
 * check of one entity: a `pass` or a `fail`, kept through outages of that source.
 *
 * @internal
 */
export interface SourceResult {
  checkId: string;
  source: string;
  status: Extract<CheckStatus, 'pass' | 'fail'>;
  message: string;
  links: EvidenceLink[];
  /** When the tool saw the thing proven; freshness windows are measured from it. */
  observedAt?: Date;
  /** When the source said it (the assessment time of that answer). */
  verifiedAt: Date;
  details?: JsonObject;
}

/**
 * One entity's new assessment, ready to be stored.
 *
 * @internal
 */
export interface AssessmentWrite {
  assessment: Assessment;
  /** Every source result to keep for the entity; the entity's other stored results are dropped. */
  sourceResults: readonly SourceResult[];
  /**
   * When the entity's waivers that the assessment applies were read. A waiver granted or
   * revoked since makes the write superseded: it is dropped, since the re-assessment that
   * follows a waiver change writes the entity with it.
   */
  waiversReadAt?: Date;
}

/**
 * Filters shared by the list and scorecard queries: the routes' filters with full entity
 * references. `visibleRefs` restricts the result to entities the caller may read; undefined
 * means all.
 *
 * @internal
 */
export interface AssessmentFilter extends MaturityFilter {
  visibleRefs?: readonly string[];
}

/**
 * What one write of a batch did.
 *
 * @internal
 */
export interface WriteResult {
  rewritten: number;
  historyRows: number;
}

/**
 * A summary of one assessment run.
 *
 * @internal
 */
export interface RunRecord {
  trigger: 'schedule' | 'manual';
  startedAt: Date;
  /** How many entities the selector chose; with `assessed`, how far an aborted run got. */
  selected: number;
  /** Absent while the run is running, and when it was interrupted. */
  finishedAt?: Date;
  /**
   * `running` until the run records its end; `interrupted` when its process stopped before
   * that (the next run marks it); `aborted` when the schedule's timeout cut it short; `failed`
   * when the catalog or the database failed it.
   */
  status: 'running' | 'completed' | 'aborted' | 'failed' | 'interrupted';
  assessed: number;
  changed: number;
  failed: number;
  removed: number;
  /**
   * Entities that left the selector but were kept, since removing them would have tripped
   * the removal guard (an empty catalog answer, or a drop beyond the configured share).
   */
  removalHeld: number;
  failures: Array<{ entityRef: string; message: string }>;
}

/**
 * The only code that knows the plugin's tables.
 *
 * @internal
 */
export interface MaturityStore {
  /** The stored source results of these entities, by entity ref. */
  getSourceResults(entityRefs: string[]): Promise<Map<string, SourceResult[]>>;
  /**
   * Stores new assessments: rows are rewritten only when their content changed, and a history
   * row is added only when the level, verified level, target, rubric or a check status changed.
   */
  writeAssessments(
    writes: AssessmentWrite[],
    seenAt: Date,
  ): Promise<WriteResult>;
  /** Marks entities as still selected, e.g. when their assessment failed this run. */
  markSeen(entityRefs: string[], seenAt: Date): Promise<void>;
  /** How many entities are assessed, and how many of them were not seen since `before`. */
  countUnseen(before: Date): Promise<{ total: number; unseen: number }>;
  /** Removes the current assessments of entities not seen since `before`; history stays. */
  removeUnseen(before: Date): Promise<number>;
  /**
   * Deletes history older than `before`, keeping each entity's latest row before it, and runs
   * that started before it.
   */
  pruneHistory(before: Date): Promise<number>;
  /** Resolves when the database answers, rejects when it does not. */
  ping(): Promise<void>;
  getAssessment(entityRef: string): Promise<Assessment | undefined>;
  /** The same assessment as JSON text, served without parsing it. */
  getAssessmentJson(entityRef: string): Promise<string | undefined>;
  listAssessments(
    filter: AssessmentFilter,
    page: { limit: number; cursor?: string },
  ): Promise<AssessmentPage>;
  getScorecard(
    groupBy: ScorecardGroupBy,
    filter: AssessmentFilter,
  ): Promise<Scorecard>;
  /** The level distribution at each of these moments, of the entities scored now. */
  getTrend(at: Date[], filter: AssessmentFilter): Promise<ScorecardTrend>;
  /** When the filter's currently scored entities were first assessed; undefined if never. */
  getFirstAssessedAt(filter: AssessmentFilter): Promise<Date | undefined>;
  /**
   * What to fix first: the checks that alone block entities' next level, and the first `limit`
   * entities one check from their target.
   */
  getLeverage(filter: AssessmentFilter, limit: number): Promise<Leverage>;
  /** The owners, systems, domains and lifecycles of the filter's entities, with counts. */
  getFacets(filter: AssessmentFilter): Promise<Facets>;
  getHistory(
    entityRef: string,
    range: { from?: Date; to?: Date },
  ): Promise<HistoryEntry[]>;
  /** The grants, revocations and expiries of the entity's waivers until now, in time order. */
  getWaiverHistory(
    entityRef: string,
    range: { from?: Date; to?: Date },
  ): Promise<WaiverHistoryEntry[]>;
  /** Records a waiver granted now; `ConflictError` when the check already has an active one. */
  createWaiver(waiver: NewWaiver): Promise<Waiver>;
  /** Revokes an active waiver now: `NotFoundError` for no such waiver, `ConflictError` when it has ended. */
  revokeWaiver(
    target: { entityRef: string; id: string },
    revokedBy: string,
  ): Promise<Waiver>;
  /** The waivers of these entities active at `now`, by entity ref. */
  getActiveWaivers(
    entityRefs: readonly string[],
    now: Date,
  ): Promise<Map<string, Waiver[]>>;
  /**
   * Records a run as running and returns its id; runs still recorded as running are marked
   * interrupted, as runs take turns.
   */
  startRun(run: RunRecord): Promise<number>;
  /** Records how the started run `id` ended. */
  finishRun(id: number, run: RunRecord): Promise<void>;
  /** Adds a finished run that was never started, e.g. one the database refused to start. */
  recordRun(run: RunRecord): Promise<void>;
  listRuns(limit: number): Promise<RunRecord[]>;
}

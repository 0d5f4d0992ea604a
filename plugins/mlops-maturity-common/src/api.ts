import type { CheckStatus, EvidenceLink } from './checkStatus';
import type { MaturityLevel } from './levels';
import type { Rubric } from './rubric/types';
import type { JsonObject } from '@backstage/types';

/**
 * The result of one rubric check for one entity.
 *
 * @public
 */
export interface CheckResult {
  id: string;
  level: Exclude<MaturityLevel, 0>;
  title: string;
  status: CheckStatus;
  /** One line that says what was found or what is wrong. */
  message: string;
  /** Where the status came from, e.g. `annotation`, `repository`, `mlflow`. */
  source: string;
  evidence?: JsonObject;
  links: EvidenceLink[];
  /** When the proof was observed; its age is shown with the check. */
  observedAt?: string;
  /**
   * True when the source could not be asked and the result it last verified (pass or fail) is
   * kept instead: the status is then `unknown`, and `counts` says whether it is a pass. A kept
   * pass whose freshness window (measured from its `observedAt`) has ended is no longer kept:
   * `unknown`, not stale, not counting.
   */
  stale: boolean;
  /** Whether the check counts towards `level`. */
  counts: boolean;
}

/**
 * A malformed annotation that is not evidence, such as a target level of 7.
 *
 * @public
 */
export interface AnnotationProblem {
  annotation: string;
  message: string;
}

/**
 * A check that stands between an entity and its next level.
 *
 * @public
 */
export interface Blocker {
  checkId: string;
  title: string;
  status: CheckStatus;
  message: string;
  guidance: string;
}

/**
 * The next level and what blocks it.
 *
 * @public
 */
export interface NextLevel {
  level: MaturityLevel;
  blockers: Blocker[];
  effort?: string;
}

/**
 * One row of `GET /v1/entities`.
 *
 * @public
 */
export interface AssessmentSummary {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  domain?: string;
  lifecycle?: string;
  level: MaturityLevel;
  verifiedLevel: MaturityLevel;
  targetLevel: MaturityLevel;
  meetsTarget: boolean;
  assessedAt: string;
}

/**
 * The fields of an {@link AssessmentSummary}, in the order lists and exports show them.
 *
 * @public
 */
export const ASSESSMENT_SUMMARY_FIELDS = [
  'entityRef',
  'title',
  'owner',
  'system',
  'domain',
  'lifecycle',
  'level',
  'verifiedLevel',
  'targetLevel',
  'meetsTarget',
  'assessedAt',
] as const satisfies ReadonlyArray<keyof AssessmentSummary>;

/**
 * The assessment of one entity: `GET /v1/entities/:kind/:namespace/:name`, its summary with
 * the checks behind it.
 *
 * @public
 */
export interface Assessment extends AssessmentSummary {
  targetReason: string;
  skippedFoundations: boolean;
  problems: AnnotationProblem[];
  rubricVersion: string;
  checks: CheckResult[];
  /** Absent at level 4. */
  nextLevel?: NextLevel;
}

/**
 * Filters of the list, scorecard and trend routes (`GET /v1/entities`, `/v1/scorecard`,
 * `/v1/scorecard/trend`); entity references may be short (`team-a` for
 * `group:default/team-a`).
 *
 * @public
 */
export interface MaturityFilter {
  level?: MaturityLevel;
  minLevel?: MaturityLevel;
  maxLevel?: MaturityLevel;
  belowTarget?: boolean;
  owner?: string;
  system?: string;
  domain?: string;
  lifecycle?: string;
}

/**
 * A page of `GET /v1/entities`.
 *
 * @public
 */
export interface AssessmentPage {
  items: AssessmentSummary[];
  nextCursor?: string;
  total: number;
}

/**
 * Counts per level, keys `0`–`4`.
 *
 * @public
 */
export type LevelCounts = Record<`${MaturityLevel}`, number>;

/**
 * The counts of the scorecard, org-wide and per group. `level` counts declared and verified
 * evidence, `verifiedLevel` live evidence only; the levels between them are declared but
 * unproven.
 *
 * @public
 */
export interface ScorecardCounts {
  total: number;
  /** Entities per level (declared and verified evidence). */
  byLevel: LevelCounts;
  /** Entities per verified level (live evidence only). */
  byVerifiedLevel: LevelCounts;
  meetsTarget: number;
  /** The sum over the entities of `level - verifiedLevel`: levels declared but unproven. */
  unprovenLevels: number;
  /** How many entities have a level above their verified level. */
  unproven: number;
}

/**
 * One group of the scorecard.
 *
 * @public
 */
export interface ScorecardGroup extends ScorecardCounts {
  key: string;
}

/**
 * The org-wide scorecard: `GET /v1/scorecard`.
 *
 * @public
 */
export interface Scorecard extends ScorecardCounts {
  groupBy: ScorecardGroupBy;
  groups: ScorecardGroup[];
  topBlockers: Array<{ checkId: string; count: number }>;
}

/**
 * What the scorecard can be grouped by.
 *
 * @public
 */
export type ScorecardGroupBy = 'owner' | 'system' | 'domain' | 'lifecycle';

/**
 * A change of one check's status between two assessments.
 *
 * @public
 */
export interface CheckChange {
  checkId: string;
  from?: CheckStatus;
  to?: CheckStatus;
}

/**
 * One row of an entity's history: `GET /v1/entities/:kind/:namespace/:name/history`.
 *
 * @public
 */
export interface HistoryEntry {
  assessedAt: string;
  level: MaturityLevel;
  verifiedLevel: MaturityLevel;
  targetLevel: MaturityLevel;
  rubricVersion: string;
  /** True when the rubric changed: a definition change, not a regression. */
  rubricChanged: boolean;
  changes: CheckChange[];
}

/**
 * The distribution of levels at one moment of the past.
 *
 * @public
 */
export interface TrendPoint {
  /** The moment, ISO 8601. */
  at: string;
  total: number;
  byLevel: LevelCounts;
  /** How many were at or above their target then. */
  meetsTarget: number;
}

/**
 * How the level distribution of the currently scored services evolved:
 * `GET /v1/scorecard/trend`.
 *
 * @public
 */
export interface ScorecardTrend {
  points: TrendPoint[];
}

/**
 * The MLOps maturity backend's HTTP API as a client calls it (the backend plugin's OpenAPI
 * file has the routes).
 *
 * @public
 */
export interface MlopsMaturityApi {
  /** The assessment of one entity; rejects with a `NotFoundError` when it has none. */
  getAssessment(entityRef: string): Promise<Assessment>;
  getHistory(
    entityRef: string,
    range?: { from?: Date; to?: Date },
  ): Promise<HistoryEntry[]>;
  /** Re-assesses one entity now and answers the new assessment. */
  refresh(entityRef: string): Promise<Assessment>;
  listAssessments(
    filter?: MaturityFilter,
    page?: { limit?: number; cursor?: string },
  ): Promise<AssessmentPage>;
  getScorecard(
    groupBy: ScorecardGroupBy,
    filter?: MaturityFilter,
  ): Promise<Scorecard>;
  getTrend(
    filter?: Pick<MaturityFilter, 'owner' | 'system' | 'domain' | 'lifecycle'>,
    range?: { from?: Date; to?: Date; points?: number },
  ): Promise<ScorecardTrend>;
  getRubric(): Promise<Rubric>;
}

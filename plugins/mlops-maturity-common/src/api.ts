import type { Rubric } from './rubric/types';
import type {
  Assessment,
  AssessmentPage,
  AssessmentSummary,
  Facets,
  HistoryEntry,
  Leverage,
  ListAssessments,
  Scorecard,
  ScorecardGroupBy,
  ScorecardTrend,
  Waiver,
  WaiverHistoryEntry,
  WaiverRequest,
} from './schema/openapi/generated';

// The request and answer types of the HTTP API are generated from the backend plugin's
// OpenAPI file (plugins/mlops-maturity-backend/src/schema/openapi.yaml), its one contract.
export type {
  AnnotationProblem,
  Assessment,
  AssessmentPage,
  AssessmentSummary,
  Blocker,
  CheckChange,
  CheckLevel,
  CheckResult,
  FacetCount,
  Facets,
  HistoryEntry,
  LevelCounts,
  Leverage,
  LeverageCheck,
  NextLevel,
  OneCheckFromTarget,
  RunFailure,
  RunList,
  RunRecord,
  Scorecard,
  ScorecardCounts,
  ScorecardGroup,
  ScorecardGroupBy,
  ScorecardTrend,
  TopBlocker,
  TrendPoint,
  Waiver,
  WaiverHistoryEntry,
  WaiverRequest,
} from './schema/openapi/generated';

/**
 * One entry of an entity's history: an assessment that changed something, or a waiver granted,
 * revoked or expired (`kind: 'waiver'`).
 *
 * @public
 */
export type HistoryItem = HistoryEntry | WaiverHistoryEntry;

/**
 * Whether a history entry is a waiver's grant, revocation or expiry.
 *
 * @public
 */
export function isWaiverHistoryEntry(
  entry: HistoryItem,
): entry is WaiverHistoryEntry {
  return (entry as WaiverHistoryEntry).kind === 'waiver';
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
  'waivedChecks',
] as const satisfies ReadonlyArray<keyof AssessmentSummary>;

/**
 * Filters of the list, scorecard and trend routes (`GET /v1/entities`, `/v1/scorecard`,
 * `/v1/scorecard/trend`), as the contract types them; entity references may be short
 * (`team-a` for `group:default/team-a`).
 *
 * @public
 */
export type MaturityFilter = Omit<ListAssessments['query'], 'limit' | 'cursor'>;

/**
 * The filters of the scorecard's aggregates (`GET /v1/scorecard/leverage`): those of the list
 * without `lastBlocker` and `oneCheckFromTarget`, which only the list has.
 *
 * @public
 */
export type ScorecardFilter = Omit<
  MaturityFilter,
  'lastBlocker' | 'oneCheckFromTarget'
>;

/**
 * The MLOps maturity backend's HTTP API as a client calls it (the backend plugin's OpenAPI
 * file has the routes).
 *
 * @public
 */
export interface MlopsMaturityApi {
  /** The assessment of one entity; rejects with a `NotFoundError` when it has none. */
  getAssessment(entityRef: string): Promise<Assessment>;
  /** Assessment changes and waiver events, in time order. */
  getHistory(
    entityRef: string,
    range?: { from?: Date; to?: Date },
  ): Promise<HistoryItem[]>;
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
  /**
   * What to fix first: the checks that alone keep services from their next level, and the
   * services one check from their target (the first `limit`, 20 by default).
   */
  getLeverage(
    filter?: ScorecardFilter,
    options?: { limit?: number },
  ): Promise<Leverage>;
  /** The owners, systems, domains and lifecycles of the readable assessments, with counts. */
  getFacets(): Promise<Facets>;
  /** Waives one check of an entity until `expiresAt`; the entity is re-assessed before it resolves. */
  createWaiver(entityRef: string, waiver: WaiverRequest): Promise<Waiver>;
  /** Revokes an active waiver; the entity is re-assessed before it resolves. */
  revokeWaiver(entityRef: string, waiverId: string): Promise<Waiver>;
}

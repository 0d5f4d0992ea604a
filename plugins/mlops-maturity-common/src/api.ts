import type { Rubric } from './rubric/types';
import type {
  Assessment,
  AssessmentPage,
  AssessmentSummary,
  HistoryEntry,
  ListAssessments,
  Scorecard,
  ScorecardGroupBy,
  ScorecardTrend,
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
  HistoryEntry,
  LevelCounts,
  NextLevel,
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
} from './schema/openapi/generated';

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
 * Filters of the list, scorecard and trend routes (`GET /v1/entities`, `/v1/scorecard`,
 * `/v1/scorecard/trend`), as the contract types them; entity references may be short
 * (`team-a` for `group:default/team-a`).
 *
 * @public
 */
export type MaturityFilter = Omit<ListAssessments['query'], 'limit' | 'cursor'>;

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

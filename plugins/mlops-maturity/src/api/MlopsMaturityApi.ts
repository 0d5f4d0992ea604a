import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  Assessment,
  AssessmentPage,
  HistoryEntry,
  MaturityLevel,
  Rubric,
  Scorecard,
  ScorecardGroupBy,
  ScorecardTrend,
} from '@mlops-maturity/plugin-mlops-maturity-common';

/**
 * Filters of the list, scorecard and trend routes; entity references may be short
 * (`team-a` for `group:default/team-a`).
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
 * The MLOps maturity backend's HTTP API (see the backend plugin's OpenAPI file).
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

/**
 * The API reference of {@link MlopsMaturityApi}.
 *
 * @public
 */
export const mlopsMaturityApiRef = createApiRef<MlopsMaturityApi>().with({
  id: 'plugin.mlops-maturity.client',
  pluginId: 'mlops-maturity',
});

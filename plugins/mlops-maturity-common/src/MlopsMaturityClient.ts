import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  Assessment,
  AssessmentPage,
  Facets,
  HistoryItem,
  Leverage,
  MaturityFilter,
  MlopsMaturityApi,
  Scorecard,
  ScorecardFilter,
  ScorecardGroupBy,
  ScorecardTrend,
  Waiver,
  WaiverRequest,
} from './api';
import type { Rubric } from './rubric/types';

type Query = Record<string, string | number | boolean | undefined>;

/**
 * The {@link MlopsMaturityApi} over HTTP, for browsers and Node.js alike.
 *
 * It finds the backend with `discoveryApi` (plugin id `mlops-maturity`) and sends every request
 * through `fetchApi`, which adds the credentials: the frontend passes Backstage's discovery and
 * fetch APIs, other callers their own. Without `fetchApi` it uses the global `fetch` and sends no
 * credentials. A backend error answer rejects with a `ResponseError` of `@backstage/errors`.
 *
 * @public
 */
export class MlopsMaturityClient implements MlopsMaturityApi {
  readonly #discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  readonly #fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.#discoveryApi = options.discoveryApi;
    // Browsers refuse `fetch` called as a method of another object ("Illegal invocation").
    this.#fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
  }

  getAssessment(entityRef: string): Promise<Assessment> {
    return this.#request(entityPath(entityRef));
  }

  getHistory(
    entityRef: string,
    range: { from?: Date; to?: Date } = {},
  ): Promise<HistoryItem[]> {
    return this.#request(`${entityPath(entityRef)}/history`, {
      from: range.from?.toISOString(),
      to: range.to?.toISOString(),
    });
  }

  refresh(entityRef: string): Promise<Assessment> {
    return this.#request(`${entityPath(entityRef)}/refresh`, {}, 'POST');
  }

  listAssessments(
    filter: MaturityFilter = {},
    page: { limit?: number; cursor?: string } = {},
  ): Promise<AssessmentPage> {
    return this.#request('/v1/entities', { ...filter, ...page });
  }

  getScorecard(
    groupBy: ScorecardGroupBy,
    filter: MaturityFilter = {},
  ): Promise<Scorecard> {
    return this.#request('/v1/scorecard', { ...filter, groupBy });
  }

  getTrend(
    filter: Pick<
      MaturityFilter,
      'owner' | 'system' | 'domain' | 'lifecycle'
    > = {},
    range: { from?: Date; to?: Date; points?: number } = {},
  ): Promise<ScorecardTrend> {
    return this.#request('/v1/scorecard/trend', {
      ...filter,
      from: range.from?.toISOString(),
      to: range.to?.toISOString(),
      points: range.points,
    });
  }

  getRubric(): Promise<Rubric> {
    return this.#request('/v1/rubric');
  }

  getLeverage(
    filter: ScorecardFilter = {},
    options: { limit?: number } = {},
  ): Promise<Leverage> {
    return this.#request('/v1/scorecard/leverage', {
      ...filter,
      limit: options.limit,
    });
  }

  getFacets(): Promise<Facets> {
    return this.#request('/v1/facets');
  }

  createWaiver(entityRef: string, waiver: WaiverRequest): Promise<Waiver> {
    return this.#request(`${entityPath(entityRef)}/waivers`, {}, 'POST', {
      checkId: waiver.checkId,
      reason: waiver.reason,
      expiresAt: waiver.expiresAt,
    });
  }

  revokeWaiver(entityRef: string, waiverId: string): Promise<Waiver> {
    return this.#request(
      `${entityPath(entityRef)}/waivers/${encodeURIComponent(waiverId)}`,
      {},
      'DELETE',
    );
  }

  async #request<T>(
    path: string,
    query: Query = {},
    method: 'GET' | 'POST' | 'DELETE' = 'GET',
    body?: object,
  ): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('mlops-maturity');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.size > 0 ? `?${params}` : '';
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}${search}`, {
      method,
      ...(body && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/v1/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

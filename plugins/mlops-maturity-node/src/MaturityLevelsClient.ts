import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type {
  AssessmentPage,
  MaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';

/**
 * The level of one assessed entity, as other backend plugins need it.
 *
 * @public
 */
export interface EntityMaturityLevel {
  level: MaturityLevel;
  meetsTarget: boolean;
}

/** The largest page the list route serves. */
const PAGE_SIZE = 500;

/**
 * Reads the current levels of all assessed entities from the MLOps maturity backend, with
 * the calling plugin's own service credentials, a page of 500 at a time.
 *
 * @public
 */
export class MaturityLevelsClient {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
  }

  /**
   * Every assessed entity's level, keyed by entity ref (lowercase). Rejects when any page
   * cannot be read, so that callers never mistake a partial answer for the whole estate.
   */
  async listLevels(
    options: {
      signal?: AbortSignal;
    } = {},
  ): Promise<Map<string, EntityMaturityLevel>> {
    const baseUrl = await this.#discovery.getBaseUrl('mlops-maturity');
    const levels = new Map<string, EntityMaturityLevel>();
    // One token serves every page: a listing takes seconds, a token lasts an hour.
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'mlops-maturity',
    });
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (cursor) query.set('cursor', cursor);
      const response = await fetch(`${baseUrl}/v1/entities?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: options.signal,
      });
      if (!response.ok) {
        throw new Error(
          `The MLOps maturity backend answered ${response.status} ${response.statusText} to the list of assessments`,
        );
      }
      const page = (await response.json()) as AssessmentPage;
      for (const item of page.items) {
        levels.set(item.entityRef.toLocaleLowerCase('en-US'), {
          level: item.level,
          meetsTarget: item.meetsTarget,
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return levels;
  }
}

import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  MaturityLevel,
  MlopsMaturityClient,
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
    const levels = new Map<string, EntityMaturityLevel>();
    // One token serves every page: a listing takes seconds, a token lasts an hour.
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'mlops-maturity',
    });
    const client = new MlopsMaturityClient({
      discoveryApi: this.#discovery,
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: { ...init?.headers, Authorization: `Bearer ${token}` },
            signal: options.signal,
          }),
      },
    });
    let cursor: string | undefined;
    do {
      const page = await client
        .listAssessments({}, { limit: PAGE_SIZE, cursor })
        .catch(error => {
          if (!(error instanceof ResponseError)) throw error;
          const { status, statusText } = error.response;
          throw new Error(
            `The MLOps maturity backend answered ${status} ${statusText} to the list of assessments`,
          );
        });
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

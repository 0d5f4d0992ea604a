import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EntityMaturityLevel,
  MaturityLevelsClient,
} from '@mlops-maturity/plugin-mlops-maturity-node';

/**
 * The levels of all assessed entities, held in memory for the catalog's processing loop and
 * refreshed on a schedule of its own, so processing never waits for the maturity backend.
 * A failed refresh keeps the last known levels.
 *
 * @public
 */
export class LevelLabelCache {
  readonly #client: Pick<MaturityLevelsClient, 'listLevels'>;
  readonly #logger: LoggerService;
  #levels = new Map<string, EntityMaturityLevel>();

  constructor(options: {
    client: Pick<MaturityLevelsClient, 'listLevels'>;
    logger: LoggerService;
  }) {
    this.#client = options.client;
    this.#logger = options.logger;
  }

  /** Replaces the levels with the backend's current ones; on failure keeps the old ones. */
  async refresh(signal?: AbortSignal): Promise<void> {
    try {
      this.#levels = await this.#client.listLevels({ signal });
      this.#logger.debug(`Read the levels of ${this.#levels.size} entities`);
    } catch (error) {
      this.#logger.warn(
        `Could not read MLOps maturity levels; keeping the last known ${
          this.#levels.size
        }: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** The level of an entity by its lowercase ref, if it has been assessed. */
  get(entityRef: string): EntityMaturityLevel | undefined {
    return this.#levels.get(entityRef);
  }
}

import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError, stringifyError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { MLOPS_ANNOTATIONS } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { RepositoryReference } from '../annotations/parseAnnotations';
import type { Evidence } from '../evaluation/types';
import { Semaphore } from './Semaphore';

/** How long one file read may take before the check says unknown. */
const READ_TIMEOUT_MS = 10_000;

function sourceLocation(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[MLOPS_ANNOTATIONS.sourceLocation];
  if (typeof value !== 'string') return undefined;
  const url = value.replace(/^url:/, '');
  return /^https?:\/\//.test(url) ? url : undefined;
}

/**
 * Proves repository checks (training and deployment entrypoints, the quality-gate workflow)
 * by reading the files at the entity's source location through Backstage's URL reader, which
 * reads only from configured integrations.
 *
 * @internal
 */
export class RepositoryEvidence {
  readonly #reader: UrlReaderService;
  readonly #integrations: ScmIntegrations;
  readonly #logger: LoggerService;
  readonly #limit = new Semaphore(8);

  constructor(options: {
    urlReader: UrlReaderService;
    integrations: ScmIntegrations;
    logger: LoggerService;
  }) {
    this.#reader = options.urlReader;
    this.#integrations = options.integrations;
    this.#logger = options.logger;
  }

  /**
   * Evidence for each repository reference of an entity. An entity without a source location
   * gets none, so its annotations stay `declared`. `cache` shares reads within one run.
   */
  async collect(
    entity: Entity,
    references: readonly RepositoryReference[],
    cache: Map<string, Promise<Evidence['status']>>,
    signal?: AbortSignal,
  ): Promise<Evidence[]> {
    const base = sourceLocation(entity);
    if (!base || references.length === 0) return [];
    return Promise.all(
      references.map(async ref => {
        let url: string;
        try {
          url = this.#integrations.resolveUrl({ url: ref.path, base });
        } catch (e) {
          return this.#evidence(
            ref,
            'unknown',
            `Cannot resolve ${ref.path} against ${base}: ${stringifyError(e)}`,
          );
        }
        let read = cache.get(url);
        if (!read) {
          read = this.#exists(url, signal);
          cache.set(url, read);
        }
        const status = await read;
        const link = [{ title: ref.path, url }];
        if (status === 'pass') {
          return this.#evidence(
            ref,
            'pass',
            `${ref.path} exists in the repository`,
            link,
          );
        }
        if (status === 'fail') {
          return this.#evidence(
            ref,
            'fail',
            `${ref.path} was not found at the source location`,
            link,
          );
        }
        return this.#evidence(
          ref,
          'unknown',
          `The repository could not be read for ${ref.path}`,
          link,
        );
      }),
    );
  }

  async #exists(
    url: string,
    signal?: AbortSignal,
  ): Promise<Evidence['status']> {
    return this.#limit.run(async () => {
      const timeout = AbortSignal.timeout(READ_TIMEOUT_MS);
      try {
        await this.#reader.readUrl(url, {
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        return 'pass';
      } catch (e) {
        if (NotFoundError.is(e)) {
          return 'fail';
        }
        this.#logger.warn(`Could not read ${url}: ${stringifyError(e)}`);
        return 'unknown';
      }
    });
  }

  #evidence(
    ref: RepositoryReference,
    status: Evidence['status'],
    message: string,
    links?: Evidence['links'],
  ): Evidence {
    return {
      checkId: ref.checkId,
      status,
      message,
      source: 'repository',
      links,
      ...(ref.verifiedBy ? { verifiedBy: ref.verifiedBy } : {}),
    };
  }
}

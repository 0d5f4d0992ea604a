import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { NotFoundError, stringifyError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  CollectedEvidence,
  CollectOptions,
  collectPerReference,
  EvidenceCollector,
  EvidenceRequest,
  redactSecrets,
  RunScopedCache,
  Semaphore,
  ToolReference,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import { REPOSITORY_SOURCE } from './parseAnnotations';

/** How long one file read may take before the check says unknown. */
const READ_TIMEOUT_MS = 10_000;

type ReadResult = 'pass' | 'fail' | 'unknown';

/**
 * Proves repository checks (training and deployment entrypoints, the quality-gate workflow)
 * by reading the files at the entity's source location through Backstage's URL reader, which
 * reads only from configured integrations. Entities without a source location get no evidence,
 * so their annotations stay `declared`. Each file is read once per run.
 *
 * @internal
 */
export class RepositoryCollector implements EvidenceCollector {
  readonly id = REPOSITORY_SOURCE;
  readonly #reader: UrlReaderService;
  readonly #integrations: ScmIntegrationRegistry;
  readonly #logger: LoggerService;
  readonly #limit = new Semaphore(8);
  readonly #reads = new RunScopedCache<ReadResult>();

  constructor(options: {
    urlReader: UrlReaderService;
    integrations: ScmIntegrationRegistry;
    logger: LoggerService;
  }) {
    this.#reader = options.urlReader;
    this.#integrations = options.integrations;
    this.#logger = options.logger;
  }

  async collect(
    requests: readonly EvidenceRequest[],
    options: CollectOptions,
  ): Promise<Map<string, CollectedEvidence[]>> {
    return collectPerReference(requests, options, async (request, ref) => {
      const base = request.facts.sourceLocation;
      return base ? [await this.#evidence(ref, base, options)] : [];
    });
  }

  async #evidence(
    ref: ToolReference,
    base: string,
    { runId, signal }: CollectOptions,
  ): Promise<CollectedEvidence> {
    const path = ref.id;
    let url: string;
    try {
      url = this.#integrations.resolveUrl({ url: path, base });
    } catch (e) {
      return {
        checkId: ref.checkId,
        status: 'unknown',
        message: `Cannot resolve ${path} against ${base}: ${stringifyError(e)}`,
      };
    }
    const status = await this.#reads.get(runId, url, () =>
      this.#exists(url, signal),
    );
    const links = [{ title: path, url }];
    const message = {
      pass: `${path} exists in the repository`,
      fail: `${path} was not found at the source location`,
      unknown: `The repository could not be read for ${path}`,
    }[status];
    return { checkId: ref.checkId, status, message, links };
  }

  async #exists(url: string, signal?: AbortSignal): Promise<ReadResult> {
    return this.#limit.run(async () => {
      const timeout = AbortSignal.timeout(READ_TIMEOUT_MS);
      try {
        await this.#reader.readUrl(url, {
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        return 'pass';
      } catch (e) {
        if (NotFoundError.is(e)) return 'fail';
        this.#logger.warn(
          redactSecrets(`Could not read ${url}: ${stringifyError(e)}`),
        );
        return 'unknown';
      }
    });
  }
}

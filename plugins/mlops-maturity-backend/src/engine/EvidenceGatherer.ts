import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { Rubric } from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  EvidenceCollector,
  EvidenceRequest,
  redactSecrets,
  RunOptions,
  unknownEvidence,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import type { ParsedAnnotations } from '../evidence/parseAnnotations';
import type { Evidence } from '../evaluation/types';

/**
 * An entity ready for evidence: its ref and its parsed annotations.
 *
 * @internal
 */
export interface PreparedEntity {
  ref: string;
  parsed: ParsedAnnotations;
}

/**
 * Asks every collector about the references routed to it (by tool kind), for a batch of
 * entities at once, and tags what each said with its source. A collector that throws is
 * `unknown` for every check it verifies, for every entity it was asked about.
 *
 * @internal
 */
export class EvidenceGatherer {
  readonly #collectors: () => EvidenceCollector[];
  readonly #rubric: Rubric;
  readonly #logger: LoggerService;

  constructor(options: {
    collectors: () => EvidenceCollector[];
    rubric: Rubric;
    logger: LoggerService;
  }) {
    this.#collectors = options.collectors;
    this.#rubric = options.rubric;
    this.#logger = options.logger;
  }

  /** The sources that have a collector: the others can only be declared. */
  activeSources(): Set<string> {
    return new Set(this.#collectors().map(c => c.id));
  }

  /**
   * Lets every collector start what each batch of a run will need, before the catalog is read
   * ({@link EvidenceCollector.prepare}). A collector that throws here is logged and asked as
   * usual by the batches.
   */
  prepare(options: RunOptions): void {
    for (const collector of this.#collectors()) {
      try {
        collector.prepare?.(options);
      } catch (error) {
        this.#logger.warn(
          redactSecrets(
            `The ${
              collector.id
            } collector could not prepare the run: ${stringifyError(error)}`,
          ),
        );
      }
    }
  }

  async gather(
    entities: readonly PreparedEntity[],
    options: { runId: string; signal?: AbortSignal },
  ): Promise<Map<string, Evidence[]>> {
    const evidence = new Map<string, Evidence[]>(
      entities.map(e => [e.ref, []]),
    );
    await Promise.all(
      this.#collectors().map(c =>
        this.#collect(c, entities, evidence, options),
      ),
    );
    return evidence;
  }

  async #collect(
    collector: EvidenceCollector,
    entities: readonly PreparedEntity[],
    evidence: Map<string, Evidence[]>,
    options: { runId: string; signal?: AbortSignal },
  ) {
    const requests: EvidenceRequest[] = entities
      .map(e => ({
        entityRef: e.ref,
        facts: e.parsed.facts,
        references: e.parsed.references.filter(r => r.tool === collector.id),
      }))
      .filter(r => r.references.length > 0);
    if (requests.length === 0) return;
    const checks = this.#rubric.checks
      .filter(c => c.verifiers.some(v => v.source === collector.id))
      .map(c => c.id);
    const tag = (ref: string, items: Omit<Evidence, 'source'>[]) =>
      evidence
        .get(ref)
        ?.push(...items.map(e => ({ ...e, source: collector.id })));
    try {
      const found = await collector.collect(requests, { ...options, checks });
      for (const [ref, items] of found) tag(ref, items);
    } catch (error) {
      const message = redactSecrets(
        `The ${collector.id} collector failed: ${stringifyError(error)}`,
      );
      this.#logger.warn(message);
      for (const r of requests)
        tag(r.entityRef, unknownEvidence(checks, message));
    }
  }
}

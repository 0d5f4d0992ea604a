import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Assessment,
  DEFAULT_RUBRIC_CHECKS,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type {
  EvidenceCollector,
  EvidenceRequest,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import {
  parseAnnotations,
  ParsedAnnotations,
  ParseOptions,
} from '../annotations/parseAnnotations';
import type { MaturityConfig } from '../config/readMaturityConfig';
import type {
  AssessmentWrite,
  MaturityStore,
  RunRecord,
} from '../database/MaturityStore';
import {
  entityRefKey,
  entityRelations,
  evaluateAssessment,
} from '../evaluation/evaluateAssessment';
import type { Evidence } from '../evaluation/types';
import type { RepositoryEvidence } from '../evidence/RepositoryEvidence';

const BATCH_SIZE = 200;
const DEFAULT_CHECK_IDS = new Set(DEFAULT_RUBRIC_CHECKS.map(c => c.id));
const DAY_MS = 24 * 60 * 60 * 1000;

/** The entity fields the assessment reads; the rest of the entity is never fetched. */
const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.tags',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
  'spec.type',
];

const OWNER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
];

interface Prepared {
  entity: Entity;
  ref: string;
  parsed: ParsedAnnotations;
}

/**
 * Assesses entities: reads them from the catalog, gathers evidence, evaluates the rubric and
 * stores the result. Used by the scheduled run and by on-demand refresh.
 *
 * @internal
 */
export class AssessmentEngine {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #store: MaturityStore;
  readonly #collectors: () => EvidenceCollector[];
  readonly #repository: RepositoryEvidence;
  readonly #config: MaturityConfig;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #parseOptions: ParseOptions;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    store: MaturityStore;
    collectors: () => EvidenceCollector[];
    repository: RepositoryEvidence;
    config: MaturityConfig;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#store = options.store;
    this.#collectors = options.collectors;
    this.#repository = options.repository;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#parseOptions = {
      instances: options.config.instances,
      declaredBy: options.config.rubric.checks
        .filter(c => c.annotations && !DEFAULT_CHECK_IDS.has(c.id))
        .map(c => ({ checkId: c.id, annotations: c.annotations! })),
    };
  }

  /**
   * Assesses every selected entity. One entity's failure is logged and recorded and never stops
   * the others; an aborted run stores what it finished and removes nothing.
   */
  async assessAll(options: {
    signal?: AbortSignal;
    trigger: RunRecord['trigger'];
  }): Promise<RunRecord> {
    const startedAt = this.#now();
    const run: RunRecord = {
      trigger: options.trigger,
      startedAt,
      finishedAt: startedAt,
      status: 'completed',
      assessed: 0,
      changed: 0,
      failed: 0,
      removed: 0,
      failures: [],
    };
    const fail = (entityRef: string, error: unknown) => {
      run.failed++;
      const message = stringifyError(error);
      if (run.failures.length < 100) run.failures.push({ entityRef, message });
      this.#logger.warn(`Could not assess ${entityRef}: ${message}`);
    };

    try {
      const credentials = await this.#auth.getOwnServiceCredentials();
      const entities = await this.#selectedEntities(
        credentials,
        options.signal,
      );
      const domains = await this.#systemDomains(credentials);
      const ownerCounts = countOwners(entities);
      const repositoryCache = new Map();

      for (let i = 0; i < entities.length; i += BATCH_SIZE) {
        if (options.signal?.aborted) {
          run.status = 'aborted';
          break;
        }
        const batch = entities.slice(i, i + BATCH_SIZE);
        const { writes, failed } = await this.#assessBatch(
          batch,
          {
            ownerCounts,
            domains,
            repositoryCache,
            signal: options.signal,
            runId: `run-${startedAt.toISOString()}`,
          },
          fail,
        );
        const stored = await this.#write(writes, fail);
        run.assessed += stored.assessed;
        run.changed += stored.changed;
        await this.#store.markSeen(
          [...failed, ...stored.failedRefs],
          this.#now(),
        );
      }
      if (run.status === 'completed') {
        run.removed = await this.#store.removeUnseen(startedAt);
      }
    } catch (error) {
      run.status = options.signal?.aborted ? 'aborted' : 'failed';
      this.#logger.error(`MLOps maturity run failed: ${stringifyError(error)}`);
    }

    try {
      await this.#store.pruneHistory(
        new Date(this.#now().getTime() - this.#config.historyKeepDays * DAY_MS),
      );
    } catch (error) {
      this.#logger.error(`Could not prune history: ${stringifyError(error)}`);
    }
    run.finishedAt = this.#now();
    await this.#store.recordRun(run);
    this.#logger.info(
      `MLOps maturity run ${run.status}: ${run.assessed} assessed, ${
        run.changed
      } changed, ${run.failed} failed, ${run.removed} removed in ${
        run.finishedAt.getTime() - startedAt.getTime()
      } ms`,
    );
    return run;
  }

  /**
   * Re-assesses one entity now. Undefined when the catalog has no such entity or the selector
   * does not choose it.
   */
  async assessOne(entityRef: string): Promise<Assessment | undefined> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const ref = parseEntityRef(entityRef);
    const { items } = await this.#catalog.queryEntities(
      {
        filter: {
          ...this.#config.selector,
          kind: ref.kind,
          'metadata.namespace': ref.namespace,
          'metadata.name': ref.name,
        },
        fields: ENTITY_FIELDS,
        limit: 1,
      },
      { credentials },
    );
    const entity = items[0];
    if (!entity) return undefined;
    // Counted over the selected entities' owners, as the scheduled run counts them.
    const ownerCounts = countOwners(
      await this.#selectedEntities(credentials, undefined, OWNER_FIELDS),
    );
    const domains = await this.#systemDomains(credentials);
    const errors: unknown[] = [];
    const { writes } = await this.#assessBatch(
      [entity],
      {
        ownerCounts,
        domains,
        repositoryCache: new Map(),
        runId: `refresh-${this.#now().toISOString()}-${entityRef}`,
      },
      (_r, e) => errors.push(e),
    );
    if (errors.length > 0) throw errors[0];
    await this.#store.writeAssessments(writes, this.#now());
    return writes[0]?.assessment;
  }

  async #selectedEntities(
    credentials: BackstageCredentials,
    signal?: AbortSignal,
    fields: string[] = ENTITY_FIELDS,
  ): Promise<Entity[]> {
    const entities: Entity[] = [];
    for await (const page of this.#catalog.streamEntities(
      { filter: this.#config.selector, fields },
      { credentials },
    )) {
      if (signal?.aborted) throw new Error('aborted');
      entities.push(...page);
    }
    return entities;
  }

  async #systemDomains(credentials: BackstageCredentials) {
    const domains = new Map<string, string>();
    for await (const page of this.#catalog.streamEntities(
      {
        filter: { kind: 'system' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.domain'],
      },
      { credentials },
    )) {
      for (const system of page) {
        const domain = (system.spec as any)?.domain;
        if (typeof domain !== 'string') continue;
        try {
          domains.set(
            entityRefKey(system),
            entityRefKey(
              stringifyEntityRef(
                parseEntityRef(domain, {
                  defaultKind: 'domain',
                  defaultNamespace: system.metadata.namespace ?? 'default',
                }),
              ),
            ),
          );
        } catch {
          // A malformed domain on a system leaves its services without a domain.
        }
      }
    }
    return domains;
  }

  async #assessBatch(
    entities: Entity[],
    context: {
      ownerCounts: Map<string, number>;
      domains: Map<string, string>;
      repositoryCache: Map<string, Promise<Evidence['status']>>;
      runId: string;
      signal?: AbortSignal;
    },
    fail: (entityRef: string, error: unknown) => void,
  ): Promise<{ writes: AssessmentWrite[]; failed: string[] }> {
    const failed: string[] = [];
    const prepared: Prepared[] = [];
    for (const entity of entities) {
      let ref = '(unknown entity)';
      try {
        ref = entityRefKey(entity);
        prepared.push({
          entity,
          ref,
          parsed: parseAnnotations(entity, this.#parseOptions),
        });
      } catch (error) {
        failed.push(ref);
        fail(ref, error);
      }
    }

    const evidence = new Map<string, Evidence[]>(
      prepared.map(p => [p.ref, []]),
    );
    await Promise.all([
      ...this.#collectors().map(c =>
        this.#collect(c, prepared, evidence, context.runId, context.signal),
      ),
      ...prepared.map(async p => {
        try {
          const found = await this.#repository.collect(
            p.entity,
            p.parsed.repository,
            context.repositoryCache,
            context.signal,
          );
          evidence.get(p.ref)!.push(...found);
        } catch (error) {
          this.#logger.warn(
            `Repository evidence failed for ${p.ref}: ${stringifyError(error)}`,
          );
        }
      }),
    ]);

    const previous = await this.#store.getPreviousChecks(
      prepared.map(p => p.ref),
    );
    const now = this.#now();
    const writes: AssessmentWrite[] = [];
    for (const p of prepared) {
      try {
        const owner = entityRelations(p.entity).owner;
        const system = entityRelations(p.entity).system;
        writes.push(
          evaluateAssessment({
            entity: p.entity,
            ownerServiceCount: owner ? context.ownerCounts.get(owner) ?? 1 : 1,
            domain: system ? context.domains.get(system) : undefined,
            parsed: p.parsed,
            evidence: evidence.get(p.ref) ?? [],
            previous: previous.get(p.ref),
            rubric: this.#config.rubric,
            acceptDeclared: this.#config.acceptDeclared,
            now,
          }),
        );
      } catch (error) {
        failed.push(p.ref);
        fail(p.ref, error);
      }
    }
    return { writes, failed };
  }

  async #collect(
    collector: EvidenceCollector,
    prepared: Prepared[],
    evidence: Map<string, Evidence[]>,
    runId: string,
    signal?: AbortSignal,
  ) {
    const requests: EvidenceRequest[] = prepared
      .map(p => ({
        entityRef: p.ref,
        entity: p.entity,
        references: p.parsed.tools.filter(t => t.tool === collector.id),
      }))
      .filter(r => r.references.length > 0);
    if (requests.length === 0) return;
    try {
      const found = await collector.collect(requests, { signal, runId });
      for (const [ref, items] of found) {
        evidence
          .get(ref)
          ?.push(...items.map(e => ({ ...e, source: collector.id })));
      }
    } catch (error) {
      const message = `The ${collector.id} collector failed: ${stringifyError(
        error,
      )}`;
      this.#logger.warn(message);
      for (const r of requests) {
        const checks = new Set(r.references.map(t => t.checkId));
        evidence.get(r.entityRef)!.push(
          ...[...checks].map(checkId => ({
            checkId,
            status: 'unknown' as const,
            message,
            source: collector.id,
          })),
        );
      }
    }
  }

  /** Writes a batch; when the batch fails, writes entity by entity to isolate the failure. */
  async #write(
    writes: AssessmentWrite[],
    fail: (entityRef: string, error: unknown) => void,
  ): Promise<{ assessed: number; changed: number; failedRefs: string[] }> {
    const now = this.#now();
    try {
      const r = await this.#store.writeAssessments(writes, now);
      return {
        assessed: writes.length,
        changed: r.historyRows,
        failedRefs: [],
      };
    } catch (batchError) {
      this.#logger.warn(
        `Batch write failed, retrying one by one: ${stringifyError(
          batchError,
        )}`,
      );
      const result = { assessed: 0, changed: 0, failedRefs: [] as string[] };
      for (const write of writes) {
        try {
          const r = await this.#store.writeAssessments([write], now);
          result.assessed++;
          result.changed += r.historyRows;
        } catch (error) {
          result.failedRefs.push(write.assessment.entityRef);
          fail(write.assessment.entityRef, error);
        }
      }
      return result;
    }
  }
}

function countOwners(entities: Entity[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entity of entities) {
    try {
      const owner = entityRelations(entity).owner;
      if (owner) counts.set(owner, (counts.get(owner) ?? 0) + 1);
    } catch {
      // An entity whose owner cannot be read counts for nobody.
    }
  }
  return counts;
}

import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type {
  Assessment,
  Waiver,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { redactSecrets } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { MaturityConfig } from '../config/readMaturityConfig';
import { parseAnnotations, ParseOptions } from '../evidence/parseAnnotations';
import {
  entityRefKey,
  entityRelations,
  evaluateAssessment,
} from '../evaluation/evaluateAssessment';
import type {
  AssessmentWrite,
  MaturityStore,
  RunRecord,
  SourceResult,
} from '../store/MaturityStore';
import type { Evidence } from '../evaluation/types';
import type { CatalogReader } from './CatalogReader';
import type { EvidenceGatherer, PreparedEntity } from './EvidenceGatherer';
import { holdsRemoval } from './removalGuard';
import { RunRecorder } from './RunRecorder';

/**
 * Entities assessed together: each collector is asked once per batch, so larger batches mean
 * fewer requests to each tool (a tool's batched reads cover a whole batch).
 *
 * @internal
 */
export const ASSESS_BATCH_SIZE = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How long refreshes share one read of the catalog's owners and domains and one run id, so
 * that a storm of refreshes reads the catalog once and each tool's listing once.
 */
const REFRESH_WINDOW_MS = 10_000;

interface RunContext {
  ownerCounts: Map<string, number>;
  domains: Map<string, string>;
  runId: string;
  signal?: AbortSignal;
}

type Fail = (entityRef: string, error: unknown) => void;

/**
 * What the engine tells about the history it writes, such as the notifier of level changes.
 * Both calls must return at once: the work they start must not hold up a run.
 *
 * @internal
 */
export interface HistoryListener {
  /** A write committed new history rows. */
  historyWritten(): void;
  /** A run ended: what failed before may be tried again. */
  runEnded(): void;
}

/** A batch whose evidence and previous results are read, ready to be evaluated. */
interface GatheredBatch {
  prepared: Array<PreparedEntity & { entity: Entity }>;
  /** Entities whose annotations could not be read. */
  failed: string[];
  evidence: Map<string, Evidence[]>;
  previous: Map<string, SourceResult[]>;
  waivers: Map<string, Waiver[]>;
  /** When `waivers` were read: a waiver change after it supersedes the batch's writes. */
  waiversReadAt: Date;
}

/**
 * Assesses entities: reads them from the catalog, gathers evidence, evaluates the rubric and
 * stores the result. Used by the scheduled run and by on-demand refresh.
 *
 * @internal
 */
export class AssessmentEngine {
  readonly #catalog: CatalogReader;
  readonly #store: MaturityStore;
  readonly #evidence: EvidenceGatherer;
  readonly #config: MaturityConfig;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #parseOptions: ParseOptions;
  readonly #runs: RunRecorder;
  readonly #history?: HistoryListener;
  readonly #refreshes = new Map<string, Promise<Assessment | undefined>>();
  #refreshContext?: { until: number; context: Promise<RunContext> };

  constructor(options: {
    catalog: CatalogReader;
    store: MaturityStore;
    evidence: EvidenceGatherer;
    config: MaturityConfig;
    logger: LoggerService;
    now?: () => Date;
    /** Told after writes that add history and at the end of each run. */
    history?: HistoryListener;
  }) {
    this.#catalog = options.catalog;
    this.#history = options.history;
    this.#store = options.store;
    this.#evidence = options.evidence;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#parseOptions = {
      rubric: options.config.rubric,
      instances: options.config.instances,
    };
    this.#runs = new RunRecorder({
      store: options.store,
      logger: options.logger,
    });
  }

  /**
   * Assesses every selected entity. One entity's failure is logged and recorded and never stops
   * the others; a database that does not answer fails the run. When the run is aborted (the
   * schedule's timeout), the batch in flight is not written, since its evidence was cut short;
   * the run is recorded as aborted with how far it got, removes nothing, and the next run
   * completes the work. The run is in the ledger from its start, so a run whose process dies
   * shows as interrupted.
   */
  async assessAll(options: {
    signal?: AbortSignal;
    trigger: RunRecord['trigger'];
  }): Promise<RunRecord> {
    const { signal } = options;
    const startedAt = this.#now();
    const run: RunRecord = {
      trigger: options.trigger,
      startedAt,
      status: 'running',
      selected: 0,
      assessed: 0,
      changed: 0,
      failed: 0,
      removed: 0,
      removalHeld: 0,
      failures: [],
    };
    const fail: Fail = (entityRef, error) => {
      run.failed++;
      const message = redactSecrets(stringifyError(error));
      if (run.failures.length < 100) run.failures.push({ entityRef, message });
      this.#logger.warn(`Could not assess ${entityRef}: ${message}`);
    };

    let runId: number | undefined;
    try {
      runId = await this.#runs.start(run);
      await this.#assessSelected(run, fail, signal);
    } catch (error) {
      run.status = signal?.aborted ? 'aborted' : 'failed';
      if (!signal?.aborted) {
        this.#logger.error(
          `MLOps maturity run failed: ${redactSecrets(stringifyError(error))}`,
        );
      }
    }

    try {
      await this.#store.pruneHistory(
        new Date(this.#now().getTime() - this.#config.historyKeepDays * DAY_MS),
      );
    } catch (error) {
      this.#logger.error(`Could not prune history: ${stringifyError(error)}`);
    }
    run.finishedAt = this.#now();
    await this.#runs.finish(runId, run);
    this.#history?.runEnded();
    this.#logger.info(
      `MLOps maturity run ${run.status}: ${run.assessed} of ${
        run.selected
      } assessed, ${run.changed} changed, ${run.failed} failed, ${
        run.removed
      } removed in ${run.finishedAt.getTime() - startedAt.getTime()} ms`,
    );
    return run;
  }

  /**
   * The body of a run: the selected entities streamed from the catalog and assessed batch by
   * batch, then the removal of what left the selector. The tools are asked about the next
   * batch as soon as they have answered about one, while that one is evaluated and written
   * (a tool that answers one request at a time is never left idle between batches), and a
   * batch's write overlaps the next batch's evidence, with at most one write and one batch's
   * evidence in flight: a run holds a catalog page and three batches however large the
   * estate.
   */
  async #assessSelected(run: RunRecord, fail: Fail, signal?: AbortSignal) {
    const runId = `run-${randomUUID()}`;
    this.#evidence.prepare({ runId, signal });
    const context: RunContext = {
      ownerCounts: await this.#catalog.ownerCounts(signal),
      domains: await this.#catalog.systemDomains(),
      runId,
      signal,
    };
    const store = async (writes: AssessmentWrite[], failed: string[]) => {
      const stored = await this.#write(writes, fail);
      run.assessed += stored.assessed;
      run.changed += stored.changed;
      await this.#store.markSeen(
        [...failed, ...stored.failedRefs],
        this.#now(),
      );
    };
    let writing: Promise<void> = Promise.resolve();
    let gathering: Promise<GatheredBatch> | undefined;
    const gather = (batch: Entity[]) => {
      gathering = this.#gatherBatch(batch, context, fail);
      // Its failure is thrown where it is awaited.
      gathering.catch(() => {});
    };
    /** Evaluates the batch whose evidence is in flight and starts its write; `next` is asked for first. */
    const settle = async (next?: Entity[]) => {
      const gathered = await gathering;
      gathering = undefined;
      if (next && !signal?.aborted) gather(next);
      if (!gathered) return;
      const { writes, failed } = this.#evaluateBatch(gathered, context, fail);
      await writing;
      if (signal?.aborted) return;
      writing = store(writes, failed);
      // Its failure is thrown where the next batch or the end of the run awaits it.
      writing.catch(() => {});
    };
    try {
      let batch: Entity[] = [];
      for await (const page of this.#catalog.selectedPages(signal)) {
        run.selected += page.length;
        for (const entity of page) {
          batch.push(entity);
          if (batch.length === ASSESS_BATCH_SIZE) {
            await settle(batch);
            batch = [];
            if (signal?.aborted) break;
          }
        }
        if (signal?.aborted) break;
      }
      if (!signal?.aborted) {
        await settle(batch.length > 0 ? batch : undefined);
        await settle();
      }
      await writing;
    } finally {
      // A run that failed still waits for its tools and its last write, so that nothing is
      // asked or written after it ends.
      await gathering?.catch(() => {});
      await writing.catch(() => {});
    }
    if (signal?.aborted) {
      run.status = 'aborted';
      return;
    }
    await this.#removeUnselected(run);
    run.status = 'completed';
  }

  /**
   * Removes the assessments of entities the run did not see, unless the removal guard holds
   * them: then the run says how many it kept, and a warning says why.
   */
  async #removeUnselected(run: RunRecord) {
    const { total, unseen } = await this.#store.countUnseen(run.startedAt);
    const held = holdsRemoval({
      selected: run.selected,
      assessed: total,
      removing: unseen,
      maxPercent: this.#config.removalMaxPercent,
    });
    if (!held) {
      run.removed = await this.#store.removeUnseen(run.startedAt);
      return;
    }
    run.removalHeld = unseen;
    this.#logger.warn(
      `MLOps maturity run kept ${unseen} of ${total} assessments whose entities the catalog did not return: it chose ${
        run.selected
      } entities, a drop the removal guard holds (mlopsMaturity.removal.maxPercent is ${
        this.#config.removalMaxPercent
      }). Check mlopsMaturity.selector.filter and that the permission policy lets the plugin read the catalog; if the services really left, raise maxPercent for one run.`,
    );
  }

  /**
   * Re-assesses one entity now. Undefined when the catalog has no such entity or the selector
   * does not choose it. Concurrent refreshes of one entity share one assessment, and refreshes
   * within {@link REFRESH_WINDOW_MS} share one read of owners and domains and one run id, so
   * that each tool is listed once for all of them.
   */
  assessOne(entityRef: string): Promise<Assessment | undefined> {
    const pending = this.#refreshes.get(entityRef);
    if (pending) return pending;
    const refresh = this.#refresh(entityRef).finally(() =>
      this.#refreshes.delete(entityRef),
    );
    this.#refreshes.set(entityRef, refresh);
    return refresh;
  }

  /**
   * Re-assesses one entity after a change of what its assessment reads, such as a waiver: a
   * refresh already in flight may have read it before the change, so this one starts after it.
   */
  async assessAfterChange(entityRef: string): Promise<Assessment | undefined> {
    await this.#refreshes.get(entityRef)?.catch(() => undefined);
    return this.assessOne(entityRef);
  }

  async #refresh(entityRef: string): Promise<Assessment | undefined> {
    const entity = await this.#catalog.selectedEntity(entityRef);
    if (!entity) return undefined;
    const context = await this.#sharedRefreshContext();
    const errors: unknown[] = [];
    const { writes } = await this.#assessBatch([entity], context, (_r, e) =>
      errors.push(e),
    );
    if (errors.length > 0) throw errors[0];
    const { historyRows } = await this.#store.writeAssessments(
      writes,
      this.#now(),
    );
    if (historyRows > 0) this.#history?.historyWritten();
    return writes[0]?.assessment;
  }

  /** The context refreshes share within a window; a failed read is not shared. */
  #sharedRefreshContext(): Promise<RunContext> {
    const now = Date.now();
    const shared = this.#refreshContext;
    if (shared && now < shared.until) return shared.context;
    const context = (async (): Promise<RunContext> => {
      // Counted over the selected entities' owners, as the scheduled run counts them.
      const [ownerCounts, domains] = await Promise.all([
        this.#catalog.ownerCounts(),
        this.#catalog.systemDomains(),
      ]);
      return { ownerCounts, domains, runId: `refresh-${randomUUID()}` };
    })();
    this.#refreshContext = { until: now + REFRESH_WINDOW_MS, context };
    context.catch(() => {
      if (this.#refreshContext?.context === context) {
        this.#refreshContext = undefined;
      }
    });
    return context;
  }

  async #assessBatch(
    entities: Entity[],
    context: RunContext,
    fail: Fail,
  ): Promise<{ writes: AssessmentWrite[]; failed: string[] }> {
    return this.#evaluateBatch(
      await this.#gatherBatch(entities, context, fail),
      context,
      fail,
    );
  }

  /** A batch's annotations parsed, its evidence asked of the tools and its previous results read. */
  async #gatherBatch(
    entities: Entity[],
    context: RunContext,
    fail: Fail,
  ): Promise<GatheredBatch> {
    const failed: string[] = [];
    const prepared: Array<PreparedEntity & { entity: Entity }> = [];
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

    const refs = prepared.map(p => p.ref);
    const waiversReadAt = this.#now();
    const [evidence, previous, waivers] = await Promise.all([
      this.#evidence.gather(prepared, context),
      this.#store.getSourceResults(refs),
      this.#store.getActiveWaivers(refs, waiversReadAt),
    ]);
    return { prepared, failed, evidence, previous, waivers, waiversReadAt };
  }

  /** The rubric applied to a gathered batch: what to write, and who could not be assessed. */
  #evaluateBatch(
    {
      prepared,
      failed,
      evidence,
      previous,
      waivers,
      waiversReadAt,
    }: GatheredBatch,
    context: RunContext,
    fail: Fail,
  ): { writes: AssessmentWrite[]; failed: string[] } {
    const activeSources = this.#evidence.activeSources();
    const now = this.#now();
    const writes: AssessmentWrite[] = [];
    for (const p of prepared) {
      try {
        const { owner, system } = entityRelations(p.entity);
        const evaluated = evaluateAssessment({
          entity: p.entity,
          ownerServiceCount: owner ? context.ownerCounts.get(owner) ?? 1 : 1,
          domain: system ? context.domains.get(system) : undefined,
          parsed: p.parsed,
          evidence: evidence.get(p.ref) ?? [],
          previous: previous.get(p.ref),
          rubric: this.#config.rubric,
          acceptDeclared: this.#config.acceptDeclared,
          activeSources,
          waivers: waivers.get(p.ref),
          now,
        });
        writes.push({
          assessment: evaluated.assessment,
          sourceResults: evaluated.sourceResults,
          waiversReadAt,
        });
      } catch (error) {
        failed.push(p.ref);
        fail(p.ref, error);
      }
    }
    return { writes, failed };
  }

  /** Writes a batch; when the batch fails, writes entity by entity to isolate the failure. */
  async #write(
    writes: AssessmentWrite[],
    fail: Fail,
  ): Promise<{ assessed: number; changed: number; failedRefs: string[] }> {
    const now = this.#now();
    try {
      const r = await this.#store.writeAssessments(writes, now);
      if (r.historyRows > 0) this.#history?.historyWritten();
      return {
        assessed: writes.length,
        changed: r.historyRows,
        failedRefs: [],
      };
    } catch (batchError) {
      // Retrying entity by entity isolates a bad entity, but a database that does not answer
      // would only fail each of them in turn: then the run fails.
      await this.#store.ping();
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
          if (r.historyRows > 0) this.#history?.historyWritten();
        } catch (error) {
          result.failedRefs.push(write.assessment.entityRef);
          fail(write.assessment.entityRef, error);
        }
      }
      return result;
    }
  }
}

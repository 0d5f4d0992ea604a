import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { MaturityStore, RunRecord } from '../store/MaturityStore';

/** Ends kept while the database is down; older ones are dropped (and stay `running`). */
const MAX_UNRECORDED = 20;

/**
 * Records runs in the store's ledger: as running when they start, and how they ended. An end
 * that could not be recorded (the database was down) is kept and recorded before the next
 * run starts, so that the ledger says how a run this process saw end really ended; a run whose
 * process died stays `running` until the next run marks it `interrupted`.
 *
 * @internal
 */
export class RunRecorder {
  readonly #store: MaturityStore;
  readonly #logger: LoggerService;
  #unrecorded: Array<{ id?: number; run: RunRecord }> = [];

  constructor(options: { store: MaturityStore; logger: LoggerService }) {
    this.#store = options.store;
    this.#logger = options.logger;
  }

  /** Records earlier ends not yet recorded, then the run as running; returns its id. */
  async start(run: RunRecord): Promise<number> {
    const pending = this.#unrecorded;
    this.#unrecorded = [];
    for (const { id, run: ended } of pending) await this.finish(id, ended);
    return this.#store.startRun(run);
  }

  /**
   * Records how a run ended: the run `start` returned `id` for, or a run that could not be
   * started. Never throws: an end the database refuses is kept for the next {@link start}.
   */
  async finish(id: number | undefined, run: RunRecord): Promise<void> {
    try {
      if (id === undefined) await this.#store.recordRun(run);
      else await this.#store.finishRun(id, run);
    } catch (error) {
      this.#logger.error(
        `Could not record the end of the MLOps maturity run started at ${run.startedAt.toISOString()}: ${stringifyError(
          error,
        )}`,
      );
      this.#unrecorded.push({ id, run });
      if (this.#unrecorded.length > MAX_UNRECORDED) this.#unrecorded.shift();
    }
  }
}

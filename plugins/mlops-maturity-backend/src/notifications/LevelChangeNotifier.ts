import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { Rubric } from '@mlops-maturity/plugin-mlops-maturity-common';
import { Semaphore } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { HistoryListener } from '../engine/AssessmentEngine';
import type { NotificationOutbox } from '../store/NotificationOutbox';
import {
  LevelChange,
  levelChangeNotification,
} from './levelChangeNotification';

/** Pending rows read at a time. */
const PAGE = 100;
/** Sends in flight at once. */
const SENDERS = 4;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Sends the notifications the history's outbox holds, in the background: the engine tells it
 * when a write committed history rows and when a run ended, and neither waits for the sends.
 * A send that fails or does not answer in time leaves its row pending for a later pass, the
 * next run's at the latest; a pass stops after a few failures, as the notifications backend
 * is then likely down.
 *
 * @internal
 */
export class LevelChangeNotifier implements HistoryListener {
  readonly #outbox: NotificationOutbox;
  readonly #notifications: NotificationService;
  readonly #rubric: Rubric;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #sendTimeoutMs: number;
  readonly #claimMs: number;
  readonly #maxFailures: number;
  readonly #expireDays: number;
  readonly #stopping = new AbortController();
  #running?: Promise<void>;
  #again = false;

  constructor(options: {
    outbox: NotificationOutbox;
    notifications: NotificationService;
    rubric: Rubric;
    logger: LoggerService;
    now?: () => Date;
    /** How long a send may take before it counts as failed (default 30 s). */
    sendTimeoutMs?: number;
    /**
     * How long a claim keeps other replicas off a row (default 2 minutes): longer than a
     * send may take, so that a live sender's row is not sent twice; when the sender died,
     * another takes the row over once it runs out.
     */
    claimMs?: number;
    /** Failed sends after which a pass stops (default 3). */
    maxFailures?: number;
    /** Rows still pending after this many days are dropped (default 7). */
    expireDays?: number;
  }) {
    this.#outbox = options.outbox;
    this.#notifications = options.notifications;
    this.#rubric = options.rubric;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
    this.#claimMs = options.claimMs ?? 2 * 60_000;
    this.#maxFailures = options.maxFailures ?? 3;
    this.#expireDays = options.expireDays ?? 7;
  }

  historyWritten(): void {
    this.#wake();
  }

  runEnded(): void {
    this.#wake();
  }

  /**
   * Stops sending: no new pass starts, and a send in flight is not waited for (its row stays
   * pending, for this or another replica's next pass). Resolves when the current pass ended.
   */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#running;
  }

  /** Starts a pass unless one is running; then another follows it, for rows written since. */
  #wake(): void {
    if (this.#stopping.signal.aborted) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        try {
          await this.#pass();
        } catch (error) {
          this.#logger.warn(
            `Could not send MLOps maturity notifications; they are sent on a later run: ${stringifyError(
              error,
            )}`,
          );
        }
      } while (this.#again && !this.#stopping.signal.aborted);
    })().finally(() => {
      this.#running = undefined;
    });
  }

  /** Sends every pending notification no other sender holds, oldest first. */
  async #pass(): Promise<void> {
    const now = this.#now();
    const expired = await this.#outbox.expire(
      new Date(now.getTime() - this.#expireDays * DAY_MS),
      now,
    );
    if (expired > 0) {
      this.#logger.warn(
        `Dropped ${expired} MLOps maturity notification(s) that could not be sent within ${
          this.#expireDays
        } days`,
      );
    }
    const failures: string[] = [];
    const stopped = () =>
      this.#stopping.signal.aborted || failures.length >= this.#maxFailures;
    const senders = new Semaphore(SENDERS);
    let afterId = 0;
    while (!stopped()) {
      const page = await this.#outbox.listClaimable({
        now: this.#now(),
        afterId,
        limit: PAGE,
      });
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      await Promise.all(
        page.map(change =>
          senders.run(async () => {
            if (stopped()) return;
            try {
              await this.#deliver(change);
            } catch (error) {
              failures.push(`${change.entityRef}: ${stringifyError(error)}`);
            }
          }),
        ),
      );
      if (page.length < PAGE) break;
    }
    if (failures.length > 0) {
      this.#logger.warn(
        `Could not send ${
          failures.length
        } MLOps maturity notification(s); they are sent on a later run. Is @backstage/plugin-notifications-backend installed? (mlopsMaturity.notifications.enabled: false turns them off) ${failures.join(
          '; ',
        )}`,
      );
    }
  }

  /** Claims, sends and marks one row; a failed send gives the row back. */
  async #deliver(change: LevelChange): Promise<void> {
    const now = this.#now();
    const claimed = await this.#outbox.claim(
      change.id,
      now,
      new Date(now.getTime() + this.#claimMs),
    );
    if (!claimed) return;
    const notification = levelChangeNotification(change, this.#rubric);
    if (!notification) {
      await this.#outbox.markNone(change.id);
      return;
    }
    try {
      await this.#send(notification);
    } catch (error) {
      await this.#outbox.release(change.id);
      throw error;
    }
    await this.#outbox.markSent(change.id, this.#now());
  }

  /** Sends, but waits no longer than the timeout, nor once the backend stops. */
  async #send(notification: NotificationSendOptions): Promise<void> {
    const sending = this.#notifications.send(notification);
    // Its outcome no longer matters once the race below is lost.
    sending.catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    let onStop: (() => void) | undefined;
    const givenUp = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer in ${this.#sendTimeoutMs} ms`)),
        this.#sendTimeoutMs,
      );
      onStop = () => reject(new Error('the backend is stopping'));
      this.#stopping.signal.addEventListener('abort', onStop, { once: true });
    });
    givenUp.catch(() => {});
    try {
      await Promise.race([sending, givenUp]);
    } finally {
      clearTimeout(timer);
      this.#stopping.signal.removeEventListener('abort', onStop!);
    }
  }
}

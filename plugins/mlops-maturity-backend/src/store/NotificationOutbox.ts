import type { CheckChange } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { Knex } from 'knex';
import type { LevelChange } from '../notifications/levelChangeNotification';
import { ASSESSMENTS, HISTORY, NotificationState } from './tables';
import { parseJson } from './values';

const PENDING: NotificationState = 'pending';

/** A pending row with the row before it and its entity's current title and owner. */
interface PendingRow {
  id: number | string;
  entity_ref: string;
  level: number;
  verified_level: number;
  target_level: number;
  rubric_version: string;
  changes: string;
  previous_level: number | null;
  previous_verified_level: number | null;
  previous_target_level: number | null;
  previous_rubric_version: string | null;
  title: string | null;
  owner: string | null;
}

/** No sender's claim holds the row at `now`: it has none, or it ran out. */
function unclaimedAt(column: string, now: Date) {
  return (q: Knex.QueryBuilder) =>
    q.whereNull(column).orWhere(column, '<', now);
}

function levelChange(row: PendingRow): LevelChange {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    title: row.title ?? undefined,
    owner: row.owner ?? undefined,
    from:
      row.previous_level === null
        ? undefined
        : {
            level: row.previous_level,
            verifiedLevel: row.previous_verified_level!,
            targetLevel: row.previous_target_level!,
            rubricVersion: row.previous_rubric_version!,
          },
    to: {
      level: row.level,
      verifiedLevel: row.verified_level,
      targetLevel: row.target_level,
      rubricVersion: row.rubric_version,
    },
    changes: parseJson<CheckChange[]>(row.changes, []),
  };
}

/**
 * The notification columns of the history: history rows are the outbox of the owners'
 * notifications. The writer adds a row `pending` in the transaction that records the change;
 * a sender claims it with a conditional update, so that of several replicas one sends it,
 * and marks it `sent` once the notifications backend accepted it. A claim is a lease: when
 * its holder dies before marking the row, another sender takes it over when it runs out.
 *
 * @internal
 */
export class NotificationOutbox {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** Pending changes after the row `afterId` that no claim holds at `now`, oldest first. */
  async listClaimable(options: {
    now: Date;
    afterId: number;
    limit: number;
  }): Promise<LevelChange[]> {
    const rows: PendingRow[] = await this.#db(`${HISTORY} as h`)
      .leftJoin(`${HISTORY} as p`, 'p.id', 'h.previous_id')
      .leftJoin(`${ASSESSMENTS} as a`, 'a.entity_ref', 'h.entity_ref')
      .where('h.notification', PENDING)
      .where('h.id', '>', options.afterId)
      .where(unclaimedAt('h.notification_claimed_until', options.now))
      .orderBy('h.id')
      .limit(options.limit)
      .select(
        'h.id',
        'h.entity_ref',
        'h.level',
        'h.verified_level',
        'h.target_level',
        'h.rubric_version',
        'h.changes',
        'p.level as previous_level',
        'p.verified_level as previous_verified_level',
        'p.target_level as previous_target_level',
        'p.rubric_version as previous_rubric_version',
        'a.title',
        'a.owner',
      );
    return rows.map(levelChange);
  }

  /**
   * Claims a pending row until `until`. False when it is no longer pending or another
   * sender's claim holds it: the update's condition is checked on the row as it is when the
   * update runs, so of concurrent claims one wins.
   */
  async claim(id: number, now: Date, until: Date): Promise<boolean> {
    const updated = await this.#db(HISTORY)
      .where('id', id)
      .where('notification', PENDING)
      .where(unclaimedAt('notification_claimed_until', now))
      .update({ notification_claimed_until: until });
    return updated === 1;
  }

  /** Records that the notifications backend accepted the row's notification. */
  async markSent(id: number, at: Date): Promise<void> {
    await this.#finish(id, { notification: 'sent', notified_at: at });
  }

  /** Records that the row has nothing to tell after all (the row before it is gone). */
  async markNone(id: number): Promise<void> {
    await this.#finish(id, { notification: 'none' });
  }

  /** Gives up a claim after a failed send, so that the next pass tries again. */
  async release(id: number): Promise<void> {
    await this.#db(HISTORY)
      .where('id', id)
      .where('notification', PENDING)
      .update({ notification_claimed_until: null });
  }

  /**
   * Marks rows still pending that were assessed before `before`, and that no claim holds at
   * `now`, as `expired`; returns how many.
   */
  async expire(before: Date, now: Date): Promise<number> {
    return this.#db(HISTORY)
      .where('notification', PENDING)
      .where('assessed_at', '<', before)
      .where(unclaimedAt('notification_claimed_until', now))
      .update({ notification: 'expired', notification_claimed_until: null });
  }

  async #finish(
    id: number,
    columns: { notification: NotificationState; notified_at?: Date },
  ): Promise<void> {
    await this.#db(HISTORY)
      .where('id', id)
      .where('notification', PENDING)
      .update({ ...columns, notification_claimed_until: null });
  }
}

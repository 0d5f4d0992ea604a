import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  Waiver,
  WaiverHistoryEntry,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { Knex } from 'knex';
import { WAIVERS, WaiverRow } from './tables';
import { chunks, toDate, toIso, whereRefIn } from './values';

/**
 * A waiver to record.
 *
 * @internal
 */
export interface NewWaiver {
  entityRef: string;
  checkId: string;
  reason: string;
  /** The user entity ref of who grants it. */
  author: string;
  expiresAt: Date;
}

function waiverOf(row: WaiverRow): Waiver {
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    checkId: row.check_id,
    reason: row.reason,
    author: row.author,
    createdAt: toIso(row.created_at)!,
    expiresAt: toIso(row.expires_at)!,
    revokedAt: toIso(row.revoked_at),
    revokedBy: row.revoked_by ?? undefined,
  };
}

/** PostgreSQL's and SQLite's answers to a second open waiver of one check (the unique index). */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/**
 * The waivers table: grants, revocations, the waivers active at a moment, and the audit
 * entries of an entity's history. A waiver is open until it is revoked or a later grant
 * finds it expired; one check of one entity has at most one open waiver, which the table's
 * unique index holds between replicas too. Rows are never deleted.
 *
 * @internal
 */
export class WaiversTable {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * The entities of `refs` whose waivers were granted or revoked after `since`, with the
   * latest such moment; read in the writer's transaction `db`.
   */
  async changedSince(
    db: Knex,
    refs: readonly string[],
    since: Date,
  ): Promise<Map<string, Date>> {
    const changed = new Map<string, Date>();
    for (const part of chunks(refs)) {
      const rows: Pick<
        WaiverRow,
        'entity_ref' | 'created_at' | 'revoked_at'
      >[] = await db<WaiverRow>(WAIVERS)
        .whereIn('entity_ref', part)
        .andWhere(q =>
          q.where('created_at', '>', since).orWhere('revoked_at', '>', since),
        )
        .select('entity_ref', 'created_at', 'revoked_at');
      for (const row of rows) {
        for (const at of [toDate(row.created_at), toDate(row.revoked_at)]) {
          const latest = changed.get(row.entity_ref);
          if (at && at > since && (!latest || at > latest)) {
            changed.set(row.entity_ref, at);
          }
        }
      }
    }
    return changed;
  }

  /**
   * Records a waiver granted at `now`. A waiver of the same check that has expired is closed
   * first; one still active is a `ConflictError`.
   */
  async create(waiver: NewWaiver, now: Date): Promise<Waiver> {
    try {
      return await this.#db.transaction(async tx => {
        const open = tx<WaiverRow>(WAIVERS)
          .where({ entity_ref: waiver.entityRef, check_id: waiver.checkId })
          .whereNull('ended_at');
        await open
          .clone()
          .where('expires_at', '<=', now)
          .update({ ended_at: tx.ref('expires_at') as any });
        const active = await open.clone().first('id');
        if (active) throw conflict(waiver.checkId, active.id);
        const row: Omit<WaiverRow, 'id'> = {
          entity_ref: waiver.entityRef,
          check_id: waiver.checkId,
          reason: waiver.reason,
          author: waiver.author,
          created_at: now,
          expires_at: waiver.expiresAt,
          revoked_at: null,
          revoked_by: null,
          ended_at: null,
        };
        const [inserted] = await tx<WaiverRow>(WAIVERS)
          .insert(row)
          .returning('id');
        const id = typeof inserted === 'object' ? inserted.id : inserted;
        return waiverOf({ ...row, id });
      });
    } catch (error) {
      // Another replica granted the same check between our read and our insert.
      if (isUniqueViolation(error)) throw conflict(waiver.checkId);
      throw error;
    }
  }

  /**
   * Revokes the entity's waiver `id` at `now`: a `NotFoundError` when the entity has no such
   * waiver, a `ConflictError` when it has already been revoked or has expired.
   */
  async revoke(
    target: { entityRef: string; id: string },
    revokedBy: string,
    now: Date,
  ): Promise<Waiver> {
    return this.#db.transaction(async tx => {
      const row = await tx<WaiverRow>(WAIVERS)
        .where({ id: target.id, entity_ref: target.entityRef })
        .first();
      if (!row) {
        throw new NotFoundError(
          `${target.entityRef} has no waiver ${target.id}`,
        );
      }
      if (row.revoked_at !== null) {
        throw new ConflictError(`Waiver ${target.id} is already revoked`);
      }
      if (toDate(row.expires_at)! <= now) {
        throw new ConflictError(`Waiver ${target.id} has already expired`);
      }
      const update = { revoked_at: now, revoked_by: revokedBy, ended_at: now };
      const updated = await tx<WaiverRow>(WAIVERS)
        .where({ id: row.id })
        .whereNull('revoked_at')
        .update(update);
      if (updated === 0) {
        throw new ConflictError(`Waiver ${target.id} is already revoked`);
      }
      return waiverOf({ ...row, ...update });
    });
  }

  /** The waivers active at `now` of these entities, by entity ref, oldest first. */
  async active(
    entityRefs: readonly string[],
    now: Date,
  ): Promise<Map<string, Waiver[]>> {
    const result = new Map<string, Waiver[]>();
    if (entityRefs.length === 0) return result;
    const query = this.#db<WaiverRow>(WAIVERS)
      .whereNull('ended_at')
      .where('expires_at', '>', now)
      .orderBy('id');
    const rows: WaiverRow[] = await whereRefIn(
      this.#db,
      query,
      'entity_ref',
      entityRefs,
    );
    for (const row of rows) {
      const list = result.get(row.entity_ref) ?? [];
      list.push(waiverOf(row));
      result.set(row.entity_ref, list);
    }
    return result;
  }

  /**
   * The entity's waiver grants, revocations and expiries up to `now`, in time order, within
   * an optional range. An expiry is dated at the waiver's expiry, unless it was revoked first.
   */
  async history(
    entityRef: string,
    range: { from?: Date; to?: Date },
    now: Date,
  ): Promise<WaiverHistoryEntry[]> {
    const rows: WaiverRow[] = await this.#db<WaiverRow>(WAIVERS)
      .where('entity_ref', entityRef)
      .orderBy('id');
    const entries: WaiverHistoryEntry[] = [];
    for (const row of rows) {
      const waiver = waiverOf(row);
      entries.push({
        kind: 'waiver',
        at: waiver.createdAt,
        action: 'granted',
        actor: row.author,
        waiver,
      });
      const revokedAt = toDate(row.revoked_at);
      const expiresAt = toDate(row.expires_at)!;
      if (revokedAt && revokedAt < expiresAt) {
        entries.push({
          kind: 'waiver',
          at: revokedAt.toISOString(),
          action: 'revoked',
          actor: row.revoked_by ?? undefined,
          waiver,
        });
      } else if (expiresAt <= now) {
        entries.push({
          kind: 'waiver',
          at: expiresAt.toISOString(),
          action: 'expired',
          waiver,
        });
      }
    }
    return entries
      .filter(e => {
        const at = new Date(e.at);
        return (
          (!range.from || at >= range.from) && (!range.to || at <= range.to)
        );
      })
      .sort((a, b) => a.at.localeCompare(b.at));
  }
}

function conflict(checkId: string, id?: number | string): ConflictError {
  return new ConflictError(
    `Check ${checkId} already has an active waiver${
      id === undefined ? '' : ` (${id})`
    }; revoke it first`,
  );
}

import type { Knex } from 'knex';
import type { StoredDate } from './tables';

/** Rows or keys per statement, well under SQLite's and PostgreSQL's bind-parameter limits. */
export const CHUNK = 200;

/** Splits a list into statement-sized chunks. */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * Inserts rows into a table. On PostgreSQL they travel as one JSON parameter that the server
 * expands into the table's row type: thousands of rows cost one bound value instead of one per
 * cell, which is most of what a large insert costs the backend. Elsewhere, in statement-sized
 * chunks. The rows' values must be JSON-representable (Dates as ISO text) and hold no NUL.
 */
export async function insertRows<T extends object>(
  db: Knex,
  table: string,
  rows: readonly T[],
): Promise<void> {
  if (rows.length === 0) return;
  if (!isPostgres(db)) {
    for (const chunk of chunks(rows)) await db(table).insert(chunk);
    return;
  }
  const columns = Object.keys(rows[0]);
  await db.raw(
    `INSERT INTO ?? (${columns.map(() => '??').join(', ')}) SELECT ${columns
      .map(() => '??')
      .join(', ')} FROM json_populate_recordset(NULL::??, ?)`,
    [table, ...columns, ...columns, table, JSON.stringify(rows)],
  );
}

/** Whether the client talks to PostgreSQL rather than SQLite. */
export function isPostgres(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

/** Restricts a query to a list of refs with one bind parameter, however long the list. */
export function whereRefIn(
  db: Knex,
  qb: Knex.QueryBuilder,
  column: string,
  refs: readonly string[],
): Knex.QueryBuilder {
  if (isPostgres(db)) {
    return qb.whereRaw(`?? = ANY(?)`, [column, refs as string[]]);
  }
  return qb.whereRaw(`?? IN (SELECT value FROM json_each(?))`, [
    column,
    JSON.stringify(refs),
  ]);
}

/** A timestamp column as a Date; undefined for NULL. */
export function toDate(value: StoredDate | null | undefined): Date | undefined {
  return value === null || value === undefined ? undefined : new Date(value);
}

/** A timestamp column as ISO text; undefined for NULL. */
export function toIso(
  value: StoredDate | null | undefined,
): string | undefined {
  return toDate(value)?.toISOString();
}

/** Parses a JSON text column, with a fallback for NULL or empty text. */
export function parseJson<T>(value: string | null | undefined, fallback: T): T {
  return typeof value === 'string' && value !== ''
    ? JSON.parse(value)
    : fallback;
}

// PostgreSQL rejects what SQLite stores silently: NUL bytes in text, invalid Dates and text
// longer than a varchar column. Messages, links and dates come from tools and catalog files, so
// everything written from them passes through here.

/** Text without NUL bytes. */
export function safeText(text: string): string {
  return text.replaceAll('\u0000', '');
}

/** What ends a catalog value cut to fit its column, so that readers see it was cut. */
export const CUT_MARKER = '\u2026';

/**
 * Text cut to a varchar column's length in characters (code points, as PostgreSQL counts),
 * ending in `marker` when it had to be cut.
 */
export function fitText(text: string, maxLength: number, marker = ''): string {
  const clean = safeText(text);
  if (clean.length <= maxLength) return clean;
  const chars = Array.from(clean);
  if (chars.length <= maxLength) return clean;
  return chars.slice(0, maxLength - marker.length).join('') + marker;
}

/** JSON text of a value, without NUL bytes in any string of it. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'string' ? safeText(v) : v,
  );
}

/**
 * The date if it is valid and within years 1 to 9999, otherwise null. Both databases store
 * other years, but their ISO text (`+020000-…`) is not the plain form API clients parse.
 */
export function safeDate(date: Date | undefined | null): Date | null {
  if (!date) return null;
  const time = date.getTime();
  if (!Number.isFinite(time)) return null;
  const year = date.getUTCFullYear();
  return year >= 1 && year <= 9999 ? date : null;
}

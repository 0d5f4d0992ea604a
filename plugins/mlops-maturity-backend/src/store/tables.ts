/**
 * The plugin's tables and their rows as knex reads and writes them. Timestamps are written as
 * Dates; SQLite reads them back as epoch milliseconds and PostgreSQL as Dates, hence
 * `StoredDate`. Booleans read back as 0/1 on SQLite.
 */

/** The current assessment of each selected entity. */
export const ASSESSMENTS = 'mlops_assessments';
/** The status of each rubric check of each entity. */
export const CHECKS = 'mlops_check_results';
/** What each evidence source last verified about each check of each entity. */
export const SOURCE_RESULTS = 'mlops_source_results';
/** One row per change of an entity. */
export const HISTORY = 'mlops_history';
/** One row per assessment run. */
export const RUNS = 'mlops_runs';
/** Waived checks of entities, never deleted: their audit trail. */
export const WAIVERS = 'mlops_waivers';

/**
 * The lengths of the {@link ASSESSMENTS} columns that hold values read from catalog files, as
 * the init migration made them. The catalog puts no limit on these values; PostgreSQL refuses
 * longer text, so the writer cuts it to fit.
 */
export const CATALOG_VALUE_LENGTHS = {
  owner: 512,
  system: 512,
  domain: 512,
  lifecycle: 255,
} as const;

/** A timestamp column as written (Date) or read back (Date, epoch ms or ISO text). */
export type StoredDate = Date | number | string;
/** A boolean column as written or read back from SQLite. */
export type StoredBoolean = boolean | number;

/** A row of {@link ASSESSMENTS}. */
export interface AssessmentRow {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  domain: string | null;
  lifecycle: string | null;
  level: number;
  verified_level: number;
  target_level: number;
  meets_target: StoredBoolean;
  skipped_foundations: StoredBoolean;
  rubric_version: string;
  /** The assessment as served (JSON), without assessedAt. */
  document: string;
  /** SHA-256 of `document`; the row is rewritten only when it changes. */
  content_hash: string;
  assessed_at: StoredDate;
  seen_at: StoredDate;
  /** How many checks count only because of a waiver; NULL in rows written before waivers. */
  waived_checks: number | null;
}

/** A row of {@link CHECKS}. */
export interface CheckRow {
  entity_ref: string;
  check_id: string;
  level: number;
  status: string;
  observed_at: StoredDate | null;
  stale: StoredBoolean;
  counts: StoredBoolean;
  blocks_next: StoredBoolean;
}

/** A row of {@link SOURCE_RESULTS}. */
export interface SourceResultRow {
  entity_ref: string;
  check_id: string;
  source: string;
  status: string;
  message: string;
  /** JSON array of evidence links. */
  links: string;
  /** JSON object, or null without details. */
  details: string | null;
  observed_at: StoredDate | null;
  verified_at: StoredDate;
}

/** A row of {@link HISTORY}. */
export interface HistoryRow {
  /** bigIncrements: PostgreSQL returns it as a string. */
  id: number | string;
  entity_ref: string;
  /** The row this one follows, 0 for the first; unique per entity. */
  previous_id: number | string;
  assessed_at: StoredDate;
  level: number;
  verified_level: number;
  target_level: number;
  rubric_version: string;
  /** JSON object: check id to status. */
  statuses: string;
  /** JSON array of check status changes. */
  changes: string;
  /** The owners' notification of this change; the row is its outbox. */
  notification: NotificationState;
  /** While a replica sends the notification: until when no other replica may. */
  notification_claimed_until: StoredDate | null;
  /** When the notifications backend accepted the notification. */
  notified_at: StoredDate | null;
}

/**
 * Where a history row's notification stands: `pending` until it is sent, then `sent`; `none`
 * when the change tells the owners nothing (a first assessment, a rubric change, a check
 * status alone, or notifications switched off), `expired` when it could not be sent in time.
 */
export type NotificationState = 'pending' | 'sent' | 'none' | 'expired';

/** A row of {@link RUNS}. */
export interface RunRow {
  id: number | string;
  trigger: string;
  started_at: StoredDate;
  /** NULL while the run is running. */
  finished_at: StoredDate | null;
  status: string;
  selected: number;
  assessed: number;
  changed: number;
  failed: number;
  removed: number;
  /** Entities that left the selector but were kept, as the drop tripped the removal guard. */
  removal_held: number;
  /** JSON array of `{ entityRef, message }`, capped. */
  failures: string | null;
}

/** A row of {@link WAIVERS}. */
export interface WaiverRow {
  /** bigIncrements: PostgreSQL returns it as a string. */
  id: number | string;
  entity_ref: string;
  check_id: string;
  reason: string;
  /** The user entity ref of who granted it. */
  author: string;
  created_at: StoredDate;
  expires_at: StoredDate;
  revoked_at: StoredDate | null;
  revoked_by: string | null;
  /** When it stopped applying (revoked, or found expired by a later grant); NULL while open. */
  ended_at: StoredDate | null;
}

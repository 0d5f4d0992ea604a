import { createHash } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  Assessment,
  AssessmentPage,
  CheckChange,
  CheckStatus,
  HistoryEntry,
  LevelCounts,
  MaturityLevel,
  Scorecard,
  ScorecardGroupBy,
  ScorecardTrend,
  TrendPoint,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { Knex } from 'knex';
import {
  AssessmentFilter,
  AssessmentWrite,
  MaturityStore,
  PreviousChecks,
  RunRecord,
  WriteResult,
} from './MaturityStore';

const migrationsDir = resolvePackagePath(
  '@mlops-maturity/plugin-mlops-maturity-backend',
  'migrations',
);

const ASSESSMENTS = 'mlops_assessments';
const CHECKS = 'mlops_check_results';
const HISTORY = 'mlops_history';
const RUNS = 'mlops_runs';

/** Rows per statement, well under SQLite's and PostgreSQL's bind-parameter limits. */
const CHUNK = 200;

/**
 * How long aggregate answers (scorecard, list totals) are reused. Local writes clear them at
 * once; writes by another replica show within this time.
 */
const AGGREGATE_TTL_MS = 5_000;

const GROUP_COLUMNS: Record<ScorecardGroupBy, string> = {
  owner: 'owner',
  system: 'system',
  domain: 'domain',
  lifecycle: 'lifecycle',
};

const toDate = (value: unknown): Date | undefined =>
  value === null || value === undefined ? undefined : new Date(value as any);
const toIso = (value: unknown): string | undefined =>
  toDate(value)?.toISOString();
const parseJson = <T>(value: unknown, fallback: T): T =>
  typeof value === 'string' && value !== '' ? JSON.parse(value) : fallback;
const emptyCounts = (): LevelCounts => ({ 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 });

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/** The assessment as stored and served, without the time it was last assessed. */
function documentOf(a: Assessment): string {
  const { assessedAt: _ignored, ...content } = a;
  return JSON.stringify(content);
}

function contentHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

function statusesOf(a: Assessment): Record<string, CheckStatus> {
  return Object.fromEntries(a.checks.map(c => [c.id, c.status]));
}

function diffStatuses(
  from: Record<string, CheckStatus>,
  to: Record<string, CheckStatus>,
): CheckChange[] {
  const ids = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return ids
    .filter(id => from[id] !== to[id])
    .map(id => ({ checkId: id, from: from[id], to: to[id] }));
}

const encodeCursor = (ref: string) =>
  Buffer.from(ref, 'utf8').toString('base64url');
const decodeCursor = (cursor: string) =>
  Buffer.from(cursor, 'base64url').toString('utf8');

/**
 * Runs the migrations. Replicas starting together race to create knex's own bookkeeping
 * tables before its lock exists; the loser retries once the winner has created them.
 */
async function migrate(client: Knex, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise(resolve => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * Stores assessments with knex on SQLite or PostgreSQL.
 *
 * @internal
 */
export class DatabaseMaturityStore implements MaturityStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseMaturityStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await migrate(client);
    }
    return new DatabaseMaturityStore(client);
  }

  readonly #db: Knex;
  readonly #aggregates = new Map<
    string,
    { at: number; value: Promise<unknown> }
  >();

  private constructor(db: Knex) {
    this.#db = db;
  }

  #cacheKey(name: string, filter: AssessmentFilter, extra = ''): string {
    const { visibleRefs, ...rest } = filter;
    const visible = visibleRefs
      ? createHash('sha1').update(visibleRefs.join('\n')).digest('hex')
      : '*';
    return `${name}|${extra}|${JSON.stringify(rest)}|${visible}`;
  }

  #cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#aggregates.get(key);
    if (hit && Date.now() - hit.at < AGGREGATE_TTL_MS)
      return hit.value as Promise<T>;
    const value = load();
    this.#aggregates.set(key, { at: Date.now(), value });
    value.catch(() => this.#aggregates.delete(key));
    if (this.#aggregates.size > 500) {
      this.#aggregates.delete(this.#aggregates.keys().next().value!);
    }
    return value;
  }

  /** Restricts a query to a list of refs with one bind parameter, however long the list. */
  #whereRefIn(qb: Knex.QueryBuilder, column: string, refs: readonly string[]) {
    if (this.#db.client.config.client === 'pg') {
      qb.whereRaw(`?? = ANY(?)`, [column, refs as string[]]);
    } else {
      qb.whereRaw(`?? IN (SELECT value FROM json_each(?))`, [
        column,
        JSON.stringify(refs),
      ]);
    }
  }

  #applyFilter(qb: Knex.QueryBuilder, f: AssessmentFilter, prefix = '') {
    const col = (c: string) => `${prefix}${c}`;
    if (f.level !== undefined) qb.where(col('level'), f.level);
    if (f.minLevel !== undefined) qb.where(col('level'), '>=', f.minLevel);
    if (f.maxLevel !== undefined) qb.where(col('level'), '<=', f.maxLevel);
    if (f.belowTarget !== undefined)
      qb.where(col('meets_target'), !f.belowTarget);
    if (f.owner !== undefined) qb.where(col('owner'), f.owner);
    if (f.system !== undefined) qb.where(col('system'), f.system);
    if (f.domain !== undefined) qb.where(col('domain'), f.domain);
    if (f.lifecycle !== undefined) qb.where(col('lifecycle'), f.lifecycle);
    if (f.visibleRefs !== undefined)
      this.#whereRefIn(qb, col('entity_ref'), f.visibleRefs);
    return qb;
  }

  async getPreviousChecks(
    entityRefs: string[],
  ): Promise<Map<string, PreviousChecks>> {
    const result = new Map<string, PreviousChecks>();
    for (const refs of chunks(entityRefs)) {
      const rows = await this.#db(CHECKS)
        .whereIn('entity_ref', refs)
        .select('entity_ref', 'check_id', 'status', 'last_pass_at');
      for (const row of rows) {
        const checks = result.get(row.entity_ref) ?? new Map();
        checks.set(row.check_id, {
          status: row.status,
          lastPassAt: toDate(row.last_pass_at),
        });
        result.set(row.entity_ref, checks);
      }
    }
    return result;
  }

  async writeAssessments(
    writes: AssessmentWrite[],
    seenAt: Date,
  ): Promise<WriteResult> {
    const total: WriteResult = { rewritten: 0, historyRows: 0 };
    this.#aggregates.clear();
    for (const batch of chunks(writes, 100)) {
      const r = await this.#db.transaction(tx =>
        this.#writeBatch(tx, batch, seenAt),
      );
      total.rewritten += r.rewritten;
      total.historyRows += r.historyRows;
    }
    return total;
  }

  async #writeBatch(
    tx: Knex.Transaction,
    writes: AssessmentWrite[],
    seenAt: Date,
  ): Promise<WriteResult> {
    const refs = writes.map(w => w.assessment.entityRef);
    const currentQuery = tx(ASSESSMENTS)
      .whereIn('entity_ref', refs)
      .select('entity_ref', 'content_hash');
    if (tx.client.config.client === 'pg') currentQuery.forUpdate();
    const current = new Map<string, string>(
      (await currentQuery).map((r: any) => [r.entity_ref, r.content_hash]),
    );
    const latestIds = tx(HISTORY)
      .whereIn('entity_ref', refs)
      .groupBy('entity_ref')
      .max({ id: 'id' })
      .select('entity_ref');
    const latest = new Map<string, any>(
      (
        await tx(HISTORY)
          .join(latestIds.as('latest'), `${HISTORY}.id`, 'latest.id')
          .select(`${HISTORY}.*`)
      ).map((r: any) => [r.entity_ref, r]),
    );

    const rewrite = writes.filter(
      w =>
        current.get(w.assessment.entityRef) !==
        contentHash(documentOf(w.assessment)),
    );
    const unchanged = refs.filter(
      ref => !rewrite.some(w => w.assessment.entityRef === ref),
    );

    if (rewrite.length > 0) {
      const rewriteRefs = rewrite.map(w => w.assessment.entityRef);
      await tx(CHECKS).whereIn('entity_ref', rewriteRefs).delete();
      await tx(ASSESSMENTS)
        .insert(rewrite.map(w => this.#assessmentRow(w.assessment, seenAt)))
        .onConflict('entity_ref')
        .merge();
      const checkRows = rewrite.flatMap(w => this.#checkRows(w));
      for (const rows of chunks(checkRows)) await tx(CHECKS).insert(rows);
    }
    if (unchanged.length > 0) {
      const assessedAt = new Date(writes[0].assessment.assessedAt);
      await tx(ASSESSMENTS)
        .whereIn('entity_ref', unchanged)
        .update({ assessed_at: assessedAt, seen_at: seenAt });
    }

    const historyRows = [];
    for (const { assessment: a } of writes) {
      const last = latest.get(a.entityRef);
      const statuses = statusesOf(a);
      const before: Record<string, CheckStatus> = last
        ? parseJson(last.statuses, {})
        : {};
      const changes = diffStatuses(before, statuses);
      const changed =
        !last ||
        last.level !== a.level ||
        last.verified_level !== a.verifiedLevel ||
        last.target_level !== a.targetLevel ||
        last.rubric_version !== a.rubricVersion ||
        changes.length > 0;
      if (changed) {
        historyRows.push({
          entity_ref: a.entityRef,
          previous_id: last ? Number(last.id) : 0,
          assessed_at: new Date(a.assessedAt),
          level: a.level,
          verified_level: a.verifiedLevel,
          target_level: a.targetLevel,
          rubric_version: a.rubricVersion,
          statuses: JSON.stringify(statuses),
          changes: JSON.stringify(changes),
        });
      }
    }
    let inserted = 0;
    for (const rows of chunks(historyRows)) {
      const result: any = await tx(HISTORY)
        .insert(rows)
        .onConflict(['entity_ref', 'previous_id'])
        .ignore()
        .returning('id');
      inserted += Array.isArray(result) ? result.length : rows.length;
    }
    return { rewritten: rewrite.length, historyRows: inserted };
  }

  #assessmentRow(a: Assessment, seenAt: Date) {
    const ref = parseEntityRef(a.entityRef);
    const document = documentOf(a);
    return {
      entity_ref: a.entityRef,
      kind: ref.kind,
      namespace: ref.namespace,
      name: ref.name,
      title: a.title ?? null,
      owner: a.owner ?? null,
      system: a.system ?? null,
      domain: a.domain ?? null,
      lifecycle: a.lifecycle ?? null,
      level: a.level,
      verified_level: a.verifiedLevel,
      target_level: a.targetLevel,
      meets_target: a.meetsTarget,
      skipped_foundations: a.skippedFoundations,
      rubric_version: a.rubricVersion,
      document,
      content_hash: contentHash(document),
      assessed_at: new Date(a.assessedAt),
      seen_at: seenAt,
    };
  }

  #checkRows({ assessment: a, lastPassAt }: AssessmentWrite) {
    const blockers = new Set(a.nextLevel?.blockers.map(b => b.checkId) ?? []);
    return a.checks.map(c => ({
      entity_ref: a.entityRef,
      check_id: c.id,
      level: c.level,
      status: c.status,
      observed_at: c.observedAt ? new Date(c.observedAt) : null,
      last_pass_at: lastPassAt.get(c.id) ?? null,
      stale: c.stale,
      counts: c.counts,
      blocks_next: blockers.has(c.id),
    }));
  }

  async markSeen(entityRefs: string[], seenAt: Date): Promise<void> {
    for (const refs of chunks(entityRefs)) {
      await this.#db(ASSESSMENTS)
        .whereIn('entity_ref', refs)
        .update({ seen_at: seenAt });
    }
  }

  async removeUnseen(before: Date): Promise<number> {
    this.#aggregates.clear();
    return this.#db.transaction(async tx => {
      const gone = tx(ASSESSMENTS)
        .where('seen_at', '<', before)
        .select('entity_ref');
      await tx(CHECKS).whereIn('entity_ref', gone).delete();
      const removed: number = await tx(ASSESSMENTS)
        .where('seen_at', '<', before)
        .delete();
      return removed;
    });
  }

  async pruneHistory(before: Date): Promise<number> {
    const latest = this.#db(HISTORY).max('id').groupBy('entity_ref');
    return this.#db(HISTORY)
      .where('assessed_at', '<', before)
      .whereNotIn('id', latest)
      .delete();
  }

  async getAssessment(entityRef: string): Promise<Assessment | undefined> {
    const json = await this.getAssessmentJson(entityRef);
    return json === undefined ? undefined : JSON.parse(json);
  }

  async getAssessmentJson(entityRef: string): Promise<string | undefined> {
    const row = await this.#db(ASSESSMENTS)
      .where('entity_ref', entityRef)
      .first('document', 'assessed_at');
    if (!row) return undefined;
    // The stored document is a JSON object without assessedAt; prepend it without re-parsing.
    const assessedAt = JSON.stringify(toIso(row.assessed_at));
    return row.document === '{}'
      ? `{"assessedAt":${assessedAt}}`
      : `{"assessedAt":${assessedAt},${row.document.slice(1)}`;
  }

  async listAssessments(
    filter: AssessmentFilter,
    page: { limit: number; cursor?: string },
  ): Promise<AssessmentPage> {
    return this.#cached(
      this.#cacheKey('page', filter, `${page.limit}|${page.cursor ?? ''}`),
      () => this.#loadPage(filter, page),
    );
  }

  async #loadPage(
    filter: AssessmentFilter,
    page: { limit: number; cursor?: string },
  ): Promise<AssessmentPage> {
    const query = this.#applyFilter(this.#db(ASSESSMENTS), filter)
      .select(
        'entity_ref',
        'title',
        'owner',
        'system',
        'domain',
        'lifecycle',
        'level',
        'verified_level',
        'target_level',
        'meets_target',
        'assessed_at',
      )
      .orderBy('entity_ref')
      .limit(page.limit + 1);
    if (page.cursor) query.where('entity_ref', '>', decodeCursor(page.cursor));
    const [rows, count] = await Promise.all([
      query,
      this.#cached(this.#cacheKey('count', filter), async () => {
        const [row] = await this.#applyFilter(
          this.#db(ASSESSMENTS),
          filter,
        ).count({
          count: '*',
        });
        return Number(row.count);
      }),
    ]);
    const items = rows.slice(0, page.limit).map((r: any) => ({
      entityRef: r.entity_ref,
      title: r.title ?? undefined,
      owner: r.owner ?? undefined,
      system: r.system ?? undefined,
      domain: r.domain ?? undefined,
      lifecycle: r.lifecycle ?? undefined,
      level: r.level,
      verifiedLevel: r.verified_level,
      targetLevel: r.target_level,
      meetsTarget: Boolean(r.meets_target),
      assessedAt: toIso(r.assessed_at)!,
    }));
    return {
      items,
      nextCursor:
        rows.length > page.limit
          ? encodeCursor(items[items.length - 1].entityRef)
          : undefined,
      total: count,
    };
  }

  async getScorecard(
    groupBy: ScorecardGroupBy,
    filter: AssessmentFilter,
  ): Promise<Scorecard> {
    return this.#cached(this.#cacheKey('scorecard', filter, groupBy), () =>
      this.#loadScorecard(groupBy, filter),
    );
  }

  async #loadScorecard(
    groupBy: ScorecardGroupBy,
    filter: AssessmentFilter,
  ): Promise<Scorecard> {
    const column = GROUP_COLUMNS[groupBy];
    const rows = await this.#applyFilter(this.#db(ASSESSMENTS), filter)
      .select({ key: column, level: 'level' })
      .count({ total: '*' })
      .sum({
        meets: this.#db.raw('CASE WHEN meets_target THEN 1 ELSE 0 END'),
      })
      .groupBy(column, 'level');
    const blockerQuery = this.#db(CHECKS)
      .where('blocks_next', true)
      .select({ checkId: 'check_id' })
      .count({ count: '*' })
      .groupBy('check_id')
      .orderBy([
        { column: 'count', order: 'desc' },
        { column: 'check_id', order: 'asc' },
      ])
      .limit(10);
    const hasFilter = Object.values(filter).some(v => v !== undefined);
    if (hasFilter) {
      blockerQuery.whereIn(
        'entity_ref',
        this.#applyFilter(this.#db(ASSESSMENTS), filter).select('entity_ref'),
      );
    }
    const blockers = await blockerQuery;

    const scorecard: Scorecard = {
      total: 0,
      byLevel: emptyCounts(),
      meetsTarget: 0,
      groupBy,
      groups: [],
      topBlockers: blockers.map((b: any) => ({
        checkId: b.checkId,
        count: Number(b.count),
      })),
    };
    const groups = new Map<string, Scorecard['groups'][number]>();
    for (const row of rows as any[]) {
      const total = Number(row.total);
      const meets = Number(row.meets ?? 0);
      const level = String(row.level) as keyof LevelCounts;
      const key = row.key ?? '(none)';
      const group = groups.get(key) ?? {
        key,
        total: 0,
        byLevel: emptyCounts(),
        meetsTarget: 0,
      };
      group.total += total;
      group.byLevel[level] += total;
      group.meetsTarget += meets;
      groups.set(key, group);
      scorecard.total += total;
      scorecard.byLevel[level] += total;
      scorecard.meetsTarget += meets;
    }
    scorecard.groups = [...groups.values()].sort(
      (a, b) => b.total - a.total || a.key.localeCompare(b.key),
    );
    return scorecard;
  }

  async getTrend(
    at: Date[],
    filter: AssessmentFilter,
  ): Promise<ScorecardTrend> {
    return this.#cached(
      this.#cacheKey('trend', filter, at.map(d => d.toISOString()).join(',')),
      async () => ({
        points: await Promise.all(
          at.map(moment => this.#loadTrendPoint(moment, filter)),
        ),
      }),
    );
  }

  /**
   * The distribution at one moment: for each currently scored entity, its last history row at
   * or before that moment (rows of one entity are a chain, so the highest id is the latest).
   */
  async #loadTrendPoint(
    at: Date,
    filter: AssessmentFilter,
  ): Promise<TrendPoint> {
    const last = this.#db(HISTORY)
      .where('assessed_at', '<=', at)
      .groupBy('entity_ref')
      .select('entity_ref')
      .max({ id: 'id' })
      .as('last');
    const rows = await this.#applyFilter(
      this.#db(ASSESSMENTS)
        .join(last, 'last.entity_ref', `${ASSESSMENTS}.entity_ref`)
        .join(`${HISTORY} as h`, 'h.id', 'last.id'),
      filter,
      `${ASSESSMENTS}.`,
    )
      .select({ level: 'h.level' })
      .count({ total: '*' })
      .sum({
        meets: this.#db.raw(
          'CASE WHEN h.level >= h.target_level THEN 1 ELSE 0 END',
        ),
      })
      .groupBy('h.level');
    const point: TrendPoint = {
      at: at.toISOString(),
      total: 0,
      byLevel: emptyCounts(),
      meetsTarget: 0,
    };
    for (const row of rows as any[]) {
      const total = Number(row.total);
      point.total += total;
      point.byLevel[String(row.level) as keyof LevelCounts] += total;
      point.meetsTarget += Number(row.meets ?? 0);
    }
    return point;
  }

  async getHistory(
    entityRef: string,
    range: { from?: Date; to?: Date },
  ): Promise<HistoryEntry[]> {
    const query = this.#db(HISTORY)
      .where('entity_ref', entityRef)
      .orderBy('id');
    if (range.from) query.where('assessed_at', '>=', range.from);
    if (range.to) query.where('assessed_at', '<=', range.to);
    const rows = await query;
    let previousVersion: string | undefined;
    return rows.map((r: any) => {
      const entry: HistoryEntry = {
        assessedAt: toIso(r.assessed_at)!,
        level: r.level as MaturityLevel,
        verifiedLevel: r.verified_level as MaturityLevel,
        targetLevel: r.target_level as MaturityLevel,
        rubricVersion: r.rubric_version,
        rubricChanged:
          previousVersion !== undefined && previousVersion !== r.rubric_version,
        changes: parseJson(r.changes, []),
      };
      previousVersion = r.rubric_version;
      return entry;
    });
  }

  async recordRun(run: RunRecord): Promise<void> {
    await this.#db(RUNS).insert({
      trigger: run.trigger,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      status: run.status,
      assessed: run.assessed,
      changed: run.changed,
      failed: run.failed,
      removed: run.removed,
      failures: JSON.stringify(run.failures.slice(0, 100)),
    });
  }

  async listRuns(limit: number): Promise<RunRecord[]> {
    const rows = await this.#db(RUNS).orderBy('id', 'desc').limit(limit);
    return rows.map((r: any) => ({
      trigger: r.trigger,
      startedAt: toDate(r.started_at)!,
      finishedAt: toDate(r.finished_at)!,
      status: r.status,
      assessed: r.assessed,
      changed: r.changed,
      failed: r.failed,
      removed: r.removed,
      failures: parseJson(r.failures, []),
    }));
  }
}

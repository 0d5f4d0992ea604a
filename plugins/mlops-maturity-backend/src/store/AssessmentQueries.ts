import type {
  Assessment,
  AssessmentPage,
  Facets,
  HistoryEntry,
  LevelCounts,
  Leverage,
  MaturityLevel,
  Scorecard,
  ScorecardCounts,
  ScorecardGroupBy,
  ScorecardTrend,
  TrendPoint,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { InputError } from '@backstage/errors';
import { Semaphore } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { Knex } from 'knex';
import { AggregateCache } from './AggregateCache';
import { lastBlockers, oneCheckFromTarget } from './leverage';
import type { AssessmentFilter } from './MaturityStore';
import {
  ASSESSMENTS,
  AssessmentRow,
  CHECKS,
  HISTORY,
  HistoryRow,
} from './tables';
import {
  columnOf,
  SUMMARY_COLUMNS,
  summaryOf,
  SummaryRow,
} from './summaryColumns';
import { parseJson, toDate, toIso, whereRefIn } from './values';

/** A grouped count as knex returns it: counts and sums are strings on PostgreSQL. */
interface LevelCountRow {
  key?: string | null;
  level: number;
  total: number | string;
  meets: number | string | null;
}

/** A scorecard count: entities of one group at one level and one verified level. */
interface ScorecardCountRow extends LevelCountRow {
  verified_level: number;
  unproven_levels: number | string | null;
  unproven: number | string | null;
  waived_checks: number | string | null;
}

const emptyCounts = (): LevelCounts => ({ 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 });
const levelKey = (level: number) => String(level) as keyof LevelCounts;

const LEVEL = columnOf('level');
const VERIFIED_LEVEL = columnOf('verifiedLevel');
const MEETS_TARGET = columnOf('meetsTarget');

/**
 * What the scorecard sums per row, as SQL over an assessment row: whether it meets its target,
 * how many of its levels are declared but unproven (`level - verifiedLevel`, never negative)
 * and whether it has any.
 */
const SCORECARD_SUMS = {
  meets: `CASE WHEN ${MEETS_TARGET} THEN 1 ELSE 0 END`,
  unproven_levels: `CASE WHEN ${LEVEL} > ${VERIFIED_LEVEL} THEN ${LEVEL} - ${VERIFIED_LEVEL} ELSE 0 END`,
  unproven: `CASE WHEN ${LEVEL} > ${VERIFIED_LEVEL} THEN 1 ELSE 0 END`,
  waived_checks: `COALESCE(${columnOf('waivedChecks')}, 0)`,
} as const;

const emptyScorecardCounts = (): ScorecardCounts => ({
  total: 0,
  byLevel: emptyCounts(),
  byVerifiedLevel: emptyCounts(),
  meetsTarget: 0,
  unprovenLevels: 0,
  unproven: 0,
  waivedChecks: 0,
});

/** Adds one grouped row to the counts of the scorecard or one of its groups. */
function addCounts(counts: ScorecardCounts, row: ScorecardCountRow): void {
  const total = Number(row.total);
  counts.total += total;
  counts.byLevel[levelKey(row.level)] += total;
  counts.byVerifiedLevel[levelKey(row.verified_level)] += total;
  counts.meetsTarget += Number(row.meets ?? 0);
  counts.unprovenLevels += Number(row.unproven_levels ?? 0);
  counts.unproven += Number(row.unproven ?? 0);
  counts.waivedChecks =
    (counts.waivedChecks ?? 0) + Number(row.waived_checks ?? 0);
}

const encodeCursor = (ref: string) =>
  Buffer.from(ref, 'utf8').toString('base64url');
/** The ref a cursor of {@link encodeCursor} names; an InputError for any other text. */
function decodeCursor(cursor: string): string {
  const ref = Buffer.from(cursor, 'base64url').toString('utf8');
  // PostgreSQL rejects NUL in text; no ref has one, nor a cursor that does not round-trip.
  if (ref.includes('\u0000') || encodeCursor(ref) !== cursor) {
    throw new InputError(
      'Invalid query parameter cursor: not a cursor of this API',
    );
  }
  return ref;
}

const MINUTE_MS = 60_000;

/**
 * The moment a trend point is computed at: the end of its minute. Every request of one minute
 * that ends at "now" then asks for the same moments, so they share one cached answer, and the
 * point still counts everything written before the request.
 */
export function trendMoment(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / MINUTE_MS) * MINUTE_MS);
}

/**
 * How many aggregate queries may run at once: half the connection pool, so that however many
 * scorecard and trend requests arrive, the runs' writes and the light reads still get a
 * connection and the aggregates wait their turn rather than time out waiting for the pool.
 */
function aggregateSlots(db: Knex): number {
  const pool = (db.client as { pool?: { max?: number } }).pool;
  const max = pool?.max ?? db.client.config.pool?.max ?? 10;
  return Math.max(1, Math.floor(max / 2));
}

/**
 * The read queries over current assessments and their history. Aggregates are cached for a
 * few seconds, until {@link AssessmentQueries.forgetAggregates} after a local write, and run
 * at most {@link aggregateSlots} at a time.
 *
 * @internal
 */
export class AssessmentQueries {
  readonly #db: Knex;
  readonly #cache = new AggregateCache();
  readonly #slots: Semaphore;
  readonly #requiredChecks: readonly string[];

  /** `requiredChecks`: the rubric's required check ids, which the check rows do not record. */
  constructor(db: Knex, options: { requiredChecks: readonly string[] }) {
    this.#db = db;
    this.#slots = new Semaphore(aggregateSlots(db));
    this.#requiredChecks = options.requiredChecks;
  }

  /** Runs one aggregate query when a slot is free. */
  #aggregate<T>(query: () => PromiseLike<T>): Promise<T> {
    return this.#slots.run(async () => query());
  }

  /** Drops cached aggregates, so that the next reads see this replica's writes. */
  forgetAggregates(): void {
    this.#cache.clear();
  }

  /** Restricts a query of assessments to a filter; `prefix` qualifies the columns. */
  #applyFilter(qb: Knex.QueryBuilder, f: AssessmentFilter, prefix = '') {
    const col = (c: keyof AssessmentRow) => `${prefix}${c}`;
    if (f.level !== undefined) qb.where(col('level'), f.level);
    if (f.minLevel !== undefined) qb.where(col('level'), '>=', f.minLevel);
    if (f.maxLevel !== undefined) qb.where(col('level'), '<=', f.maxLevel);
    if (f.belowTarget !== undefined) {
      qb.where(col('meets_target'), !f.belowTarget);
    }
    if (f.owner !== undefined) qb.where(col('owner'), f.owner);
    if (f.system !== undefined) qb.where(col('system'), f.system);
    if (f.domain !== undefined) qb.where(col('domain'), f.domain);
    if (f.lifecycle !== undefined) qb.where(col('lifecycle'), f.lifecycle);
    if (f.visibleRefs !== undefined) {
      whereRefIn(this.#db, qb, col('entity_ref'), f.visibleRefs);
    }
    if (f.lastBlocker !== undefined) {
      qb.whereIn(
        col('entity_ref'),
        this.#db
          .from(lastBlockers(this.#db).as('lb'))
          .where('lb.check_id', f.lastBlocker)
          .select('lb.entity_ref'),
      );
    }
    if (f.oneCheckFromTarget !== undefined) {
      const refs = this.#db
        .from(oneCheckFromTarget(this.#db, this.#requiredChecks).as('ot'))
        .select('ot.entity_ref');
      if (f.oneCheckFromTarget) qb.whereIn(col('entity_ref'), refs);
      else qb.whereNotIn(col('entity_ref'), refs);
    }
    return qb;
  }

  /** The stored assessment of an entity. */
  async getAssessment(entityRef: string): Promise<Assessment | undefined> {
    const json = await this.getAssessmentJson(entityRef);
    return json === undefined ? undefined : JSON.parse(json);
  }

  /** The stored assessment of an entity as JSON text, served without parsing it. */
  async getAssessmentJson(entityRef: string): Promise<string | undefined> {
    const row: Pick<AssessmentRow, 'document' | 'assessed_at'> | undefined =
      await this.#db(ASSESSMENTS)
        .where('entity_ref', entityRef)
        .first('document', 'assessed_at');
    if (!row) return undefined;
    // The stored document is a JSON object without assessedAt; prepend it without re-parsing.
    const assessedAt = JSON.stringify(toIso(row.assessed_at));
    return row.document === '{}'
      ? `{"assessedAt":${assessedAt}}`
      : `{"assessedAt":${assessedAt},${row.document.slice(1)}`;
  }

  /** A page of list rows in entity ref order, with the total of the filter. */
  async listAssessments(
    filter: AssessmentFilter,
    page: { limit: number; cursor?: string },
  ): Promise<AssessmentPage> {
    return this.#cache.get(
      this.#cache.key('page', filter, `${page.limit}|${page.cursor ?? ''}`),
      () => this.#loadPage(filter, page),
    );
  }

  async #loadPage(
    filter: AssessmentFilter,
    page: { limit: number; cursor?: string },
  ): Promise<AssessmentPage> {
    const query = this.#applyFilter(this.#db(ASSESSMENTS), filter)
      .select(SUMMARY_COLUMNS)
      .orderBy('entity_ref')
      .limit(page.limit + 1);
    if (page.cursor) query.where('entity_ref', '>', decodeCursor(page.cursor));
    const [rows, total] = await Promise.all([
      this.#aggregate<SummaryRow[]>(() => query),
      this.#cache.get(this.#cache.key('count', filter), async () => {
        const [row] = await this.#aggregate(() =>
          this.#applyFilter(this.#db(ASSESSMENTS), filter).count({
            count: '*',
          }),
        );
        return Number(row.count);
      }),
    ]);
    const items = rows.slice(0, page.limit).map(summaryOf);
    return {
      items,
      nextCursor:
        rows.length > page.limit
          ? encodeCursor(items[items.length - 1].entityRef)
          : undefined,
      total,
    };
  }

  /** Entity counts per group and level, and the checks that most often block the next level. */
  async getScorecard(
    groupBy: ScorecardGroupBy,
    filter: AssessmentFilter,
  ): Promise<Scorecard> {
    return this.#cache.get(this.#cache.key('scorecard', filter, groupBy), () =>
      this.#loadScorecard(groupBy, filter),
    );
  }

  async #loadScorecard(
    groupBy: ScorecardGroupBy,
    filter: AssessmentFilter,
  ): Promise<Scorecard> {
    const column = columnOf(groupBy);
    // One grouped query for every count, so that they all describe the same rows.
    const rows: ScorecardCountRow[] = await this.#aggregate(() =>
      this.#applyFilter(this.#db(ASSESSMENTS), filter)
        .select({ key: column, level: LEVEL, verified_level: VERIFIED_LEVEL })
        .count({ total: '*' })
        .sum(
          Object.fromEntries(
            Object.entries(SCORECARD_SUMS).map(([alias, sql]) => [
              alias,
              this.#db.raw(sql),
            ]),
          ),
        )
        .groupBy(column, LEVEL, VERIFIED_LEVEL),
    );
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
    if (Object.values(filter).some(v => v !== undefined)) {
      blockerQuery.whereIn(
        'entity_ref',
        this.#applyFilter(this.#db(ASSESSMENTS), filter).select('entity_ref'),
      );
    }
    const blockers = (await this.#aggregate(() => blockerQuery)) as Array<{
      checkId: string;
      count: number | string;
    }>;

    const scorecard: Scorecard = {
      ...emptyScorecardCounts(),
      groupBy,
      groups: [],
      topBlockers: blockers.map(b => ({
        checkId: b.checkId,
        count: Number(b.count),
      })),
    };
    const groups = new Map<string, Scorecard['groups'][number]>();
    for (const row of rows) {
      const key = row.key ?? '(none)';
      const group = groups.get(key) ?? { key, ...emptyScorecardCounts() };
      addCounts(group, row);
      groups.set(key, group);
      addCounts(scorecard, row);
    }
    scorecard.groups = [...groups.values()].sort(
      (a, b) => b.total - a.total || a.key.localeCompare(b.key),
    );
    return scorecard;
  }

  /**
   * What to fix first: each check that is the last blocker of some entities' next level, with
   * how many it would lift and how many of those it would bring to their target, most first;
   * and the first `limit` entities one check from their target, with the total.
   */
  async getLeverage(
    filter: AssessmentFilter,
    limit: number,
  ): Promise<Leverage> {
    return this.#cache.get(
      this.#cache.key('leverage', filter, String(limit)),
      () => this.#loadLeverage(filter, limit),
    );
  }

  async #loadLeverage(
    filter: AssessmentFilter,
    limit: number,
  ): Promise<Leverage> {
    const db = this.#db;
    const toTarget = () => oneCheckFromTarget(db, this.#requiredChecks).as('t');
    const checksQuery = this.#applyFilter(
      db(`${ASSESSMENTS} as a`)
        .join(lastBlockers(db).as('b'), 'b.entity_ref', 'a.entity_ref')
        .leftJoin(toTarget(), 't.entity_ref', 'a.entity_ref'),
      filter,
      'a.',
    )
      .select({ checkId: 'b.check_id' })
      .count({ lifts: '*', reaches_target: 't.entity_ref' })
      .groupBy('b.check_id')
      .orderBy([
        { column: 'lifts', order: 'desc' },
        { column: 'reaches_target', order: 'desc' },
        { column: 'b.check_id', order: 'asc' },
      ]);
    const toTargetQuery = () =>
      this.#applyFilter(
        db(`${ASSESSMENTS} as a`).join(
          toTarget(),
          't.entity_ref',
          'a.entity_ref',
        ),
        filter,
        'a.',
      );
    const [checks, services, [{ total }]] = await Promise.all([
      this.#aggregate(() => checksQuery) as Promise<
        Array<{
          checkId: string;
          lifts: number | string;
          reaches_target: number | string;
        }>
      >,
      this.#aggregate(() =>
        toTargetQuery()
          .select(
            'a.entity_ref',
            'a.title',
            'a.owner',
            'a.level',
            'a.target_level',
            't.check_id',
          )
          .orderBy('a.entity_ref')
          .limit(limit),
      ) as Promise<
        Array<
          Pick<
            AssessmentRow,
            'entity_ref' | 'title' | 'owner' | 'level' | 'target_level'
          > & { check_id: string }
        >
      >,
      this.#aggregate(() => toTargetQuery().count({ total: '*' })) as Promise<
        Array<{ total: number | string }>
      >,
    ]);
    return {
      checks: checks.map(c => ({
        checkId: c.checkId,
        lifts: Number(c.lifts),
        reachesTarget: Number(c.reaches_target),
      })),
      oneCheckFromTarget: services.map(s => ({
        entityRef: s.entity_ref,
        title: s.title ?? undefined,
        owner: s.owner ?? undefined,
        level: s.level as MaturityLevel,
        targetLevel: s.target_level as MaturityLevel,
        checkId: s.check_id,
      })),
      oneCheckFromTargetTotal: Number(total),
    };
  }

  /** The owners, systems, domains and lifecycles of the filter's entities, with counts. */
  async getFacets(filter: AssessmentFilter): Promise<Facets> {
    return this.#cache.get(this.#cache.key('facets', filter), async () => {
      const facet = (column: keyof AssessmentRow) =>
        this.#aggregate(() =>
          this.#applyFilter(this.#db(ASSESSMENTS), filter)
            .whereNotNull(column)
            .select({ value: column })
            .count({ count: '*' })
            .groupBy(column)
            .orderBy(column),
        ).then(rows =>
          (rows as Array<{ value: string; count: number | string }>).map(r => ({
            value: r.value,
            count: Number(r.count),
          })),
        );
      const [owners, systems, domains, lifecycles] = await Promise.all([
        facet('owner'),
        facet('system'),
        facet('domain'),
        facet('lifecycle'),
      ]);
      return { owners, systems, domains, lifecycles };
    });
  }

  /**
   * When the first history row of the filter's currently scored entities was assessed, or
   * undefined when they have none: where their trend starts.
   */
  async getFirstAssessedAt(
    filter: AssessmentFilter,
  ): Promise<Date | undefined> {
    return this.#cache.get(this.#cache.key('trendStart', filter), async () => {
      const [row] = await this.#aggregate(() =>
        this.#applyFilter(
          this.#db(ASSESSMENTS).join(
            `${HISTORY} as h`,
            'h.entity_ref',
            `${ASSESSMENTS}.entity_ref`,
          ),
          filter,
          `${ASSESSMENTS}.`,
        ).min({ first: 'h.assessed_at' }),
      );
      return toDate(row?.first ?? null);
    });
  }

  /**
   * The level distribution at each of these moments, of the entities scored now. Each point
   * counts the history up to the end of its moment's minute ({@link trendMoment}), and is
   * cached by that minute and the filter, so requests for overlapping ranges share points.
   */
  async getTrend(
    at: readonly Date[],
    filter: AssessmentFilter,
  ): Promise<ScorecardTrend> {
    return {
      points: await Promise.all(
        at.map(async moment => {
          const computedAt = trendMoment(moment);
          const point = await this.#cache.get(
            this.#cache.key('trend', filter, computedAt.toISOString()),
            () =>
              this.#aggregate(() => this.#loadTrendPoint(computedAt, filter)),
          );
          return { ...point, at: moment.toISOString() };
        }),
      ),
    };
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
    const rows: LevelCountRow[] = await this.#applyFilter(
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
    for (const row of rows) {
      const total = Number(row.total);
      point.total += total;
      point.byLevel[levelKey(row.level)] += total;
      point.meetsTarget += Number(row.meets ?? 0);
    }
    return point;
  }

  /** The history of an entity, oldest first, optionally within a time range. */
  async getHistory(
    entityRef: string,
    range: { from?: Date; to?: Date },
  ): Promise<HistoryEntry[]> {
    const query = this.#db(HISTORY)
      .where('entity_ref', entityRef)
      .orderBy('id');
    if (range.from) query.where('assessed_at', '>=', range.from);
    if (range.to) query.where('assessed_at', '<=', range.to);
    const rows: HistoryRow[] = await query;
    let previousVersion: string | undefined;
    return rows.map(r => {
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
}

import { createHash } from 'node:crypto';
import type { AssessmentFilter } from './MaturityStore';

/**
 * How long aggregate answers (scorecard, trend, list pages and totals) are reused. Local writes
 * clear them at once; writes by another replica show within this time.
 */
const AGGREGATE_TTL_MS = 5_000;

/** Bounds memory when many distinct filters (e.g. per-user visible refs) are asked for. */
const MAX_ENTRIES = 500;

/**
 * A short-lived cache of aggregate query results, keyed by query name and filter. Concurrent
 * callers of the same key share one pending query; a failed query is not kept.
 *
 * @internal
 */
export class AggregateCache {
  readonly #entries = new Map<
    string,
    { at: number; value: Promise<unknown> }
  >();
  readonly #ttlMs: number;

  constructor(options: { ttlMs?: number } = {}) {
    this.#ttlMs = options.ttlMs ?? AGGREGATE_TTL_MS;
  }

  /**
   * The cache key of a query: its name, extra arguments and the filter. Visible refs are
   * hashed since they can be thousands of refs long.
   */
  key(name: string, filter: AssessmentFilter, extra = ''): string {
    const { visibleRefs, ...rest } = filter;
    const visible = visibleRefs
      ? createHash('sha1').update(visibleRefs.join('\n')).digest('hex')
      : '*';
    return `${name}|${extra}|${JSON.stringify(rest)}|${visible}`;
  }

  /** The cached answer for `key`, or the answer of `load`, which is then cached. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && Date.now() - hit.at < this.#ttlMs) {
      return hit.value as Promise<T>;
    }
    const value = load();
    this.#entries.set(key, { at: Date.now(), value });
    value.catch(() => this.#entries.delete(key));
    if (this.#entries.size > MAX_ENTRIES) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return value;
  }

  /** Forgets every answer, after a write that may change them. */
  clear(): void {
    this.#entries.clear();
  }
}

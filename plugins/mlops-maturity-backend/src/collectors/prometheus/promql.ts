/**
 * The PromQL text the collector reads from annotations and sends to Prometheus. No PromQL
 * parser: Prometheus parses, and a query it rejects is reported with its own error.
 */

/** The label the series' metric name is copied to, so that `timestamp()` cannot merge series. */
export const SERIES_NAME_LABEL = 'mlops_maturity_series';

/** How far back a series is looked for, to tell a stale series from one that never existed. */
export const LOOKBACK = '7d';

/**
 * One `prometheus.io/rule` item as the Prometheus plugin writes it: a query, optionally
 * followed by `|label` (the label its graph groups by). The suffix is taken off only when it is
 * a label name, so that a regex matcher such as `code=~"5..|4.."` keeps its `|`.
 *
 * @internal
 */
export function ruleQuery(item: string): { query: string; label?: string } {
  const bar = item.lastIndexOf('|');
  const label = item.slice(bar + 1).trim();
  if (bar > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(label)) {
    return { query: item.slice(0, bar).trim(), label };
  }
  return { query: item.trim() };
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const NAMES: Record<string, string> = {
  '(': 'parenthesis',
  '[': 'bracket',
  '{': 'brace',
};

/**
 * The query without a trailing `# comment`, and what keeps it from being one expression: an
 * unclosed or unexpected parenthesis, bracket or brace, or an unterminated string. Checked
 * before the query is wrapped in the collector's own PromQL, where Prometheus's parse error
 * would point at the wrapping instead of the annotation.
 *
 * @internal
 */
export function scanQuery(query: string): { code: string; problem?: string } {
  const open: string[] = [];
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < query.length && query[j] !== c)
        j += c !== '`' && query[j] === '\\' ? 2 : 1;
      if (j >= query.length) {
        return { code: query, problem: 'unterminated quoted string' };
      }
      i = j;
    } else if (c === '#') {
      return finish(query.slice(0, i).trimEnd(), open);
    } else if (CLOSERS[c]) {
      open.push(c);
    } else if (c === ')' || c === ']' || c === '}') {
      const last = open.pop();
      if (!last || CLOSERS[last] !== c) {
        const name = Object.keys(CLOSERS).find(k => CLOSERS[k] === c)!;
        return { code: query, problem: `unexpected right ${NAMES[name]}` };
      }
    }
  }
  return finish(query, open);
}

function finish(code: string, open: string[]) {
  const last = open.pop();
  return last ? { code, problem: `unclosed left ${NAMES[last]}` } : { code };
}

/**
 * The instant vector a query shows. A range-vector query (`errors_total{service="x"}[5m]`,
 * as the expression browser's table accepts, or a subquery) is asked about its inner
 * expression: whether that had samples in the last day does not depend on the range.
 *
 * @internal
 */
export function instantQuery(query: string): string {
  const ranged =
    /^([\s\S]*\S)\s*\[[^[\]]+\]((?:\s*(?:offset\s+-?\w+|@\s*[\w.()-]+))*)\s*$/.exec(
      query,
    );
  return ranged ? `${ranged[1]}${ranged[2]}` : query;
}

/**
 * The instant query that says, for each series of `query`, when it was last seen within the
 * {@link LOOKBACK}: now, or the last step of a 5-minute subquery over the lookback. It works
 * for any instant-vector expression, a bare selector or one already over a range
 * (`rate(x[5m])`), where `last_over_time(q[1d])` would take only a bare selector. The subquery
 * step is explicit because `[7d:]` would step by the global evaluation interval (every second
 * on some servers); 5 minutes is the default lookback delta, so no sample falls between steps.
 * `timestamp()` of an expression is the evaluation time, so a time is at most 5 minutes after
 * the sample it saw. The metric name is kept in {@link SERIES_NAME_LABEL}, because
 * `timestamp()` drops it and two series that differ only by name would collide.
 *
 * @internal
 */
export function lastSeenQuery(query: string): string {
  const seen = `timestamp(label_replace((${instantQuery(
    query,
  )}), "${SERIES_NAME_LABEL}", "$1", "__name__", "(.+)"))`;
  return `${seen} or max_over_time(${seen}[${LOOKBACK}:5m])`;
}

/**
 * A label matcher of a PromQL expression.
 *
 * @internal
 */
export interface LabelMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/**
 * The label matchers written in an expression, e.g. `service="churn"` in
 * `rate(http_requests_total{service="churn"}[5m])`.
 *
 * @internal
 */
export function labelMatchers(expr: string): LabelMatcher[] {
  const matchers: LabelMatcher[] = [];
  const pattern =
    /([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`]*)`)/g;
  for (const m of expr.matchAll(pattern)) {
    const raw = m[3] ?? m[4] ?? m[5] ?? '';
    const value = m[5] !== undefined ? raw : raw.replace(/\\(.)/g, '$1');
    matchers.push({ name: m[1], op: m[2] as LabelMatcher['op'], value });
  }
  return matchers;
}

/**
 * A link to the query in Prometheus's expression browser, graphed over `range`.
 *
 * @internal
 */
export function graphUrl(uiUrl: string, query: string, range: string): string {
  return `${uiUrl}/graph?g0.expr=${encodeURIComponent(
    query,
  )}&g0.tab=0&g0.range_input=${range}`;
}

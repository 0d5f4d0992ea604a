import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import { graphUrl, LabelMatcher, labelMatchers, ruleQuery } from './promql';
import type { PrometheusRule } from './prometheusTypes';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * At most this many `prometheus.io/rule` queries are asked per entity and instance: one
 * request each.
 *
 * @internal
 */
export const MAX_QUERIES = 5;

/**
 * What Prometheus answered for one `prometheus.io/rule` query: when each of its series was last
 * seen within the lookback, at the evaluation time `at`; or why it refused the query.
 *
 * @internal
 */
export type QueryAnswer =
  | { at: Date; series: Array<{ name: string; lastSeen: Date }> }
  | { error: string };

/**
 * What the collector knows about one entity's references to one Prometheus instance.
 *
 * @internal
 */
export interface ServingFacts {
  checkId: string;
  instance: string;
  /** Prometheus's web UI, for deep links. */
  uiUrl: string;
  /** The entity's name, which `prometheus.io/alert: all` looks for in rules. */
  entityName: string;
  /** The `prometheus.io/rule` items, `|label` included. */
  ruleItems: string[];
  /** The `prometheus.io/alert` names; `all` for the rules that name the service. */
  alertNames: string[];
  /** The answers to the first {@link MAX_QUERIES} rule items, in order; empty when not asked. */
  answers: QueryAnswer[];
  /** The instance's alerting rules; undefined when not asked. */
  rules?: PrometheusRule[];
}

const shown = (query: string) =>
  query.length > 100 ? `${query.slice(0, 99)}…` : query;

/**
 * Which rules `prometheus.io/alert: all` means: the loaded alerting rules that name the
 * service, by a label whose value is the entity's name (`service: churn-model`), by a matcher
 * in their query that selects the entity's name (`service="churn-model"`, or a `=~` alternative
 * of it), or by every equality matcher of one of the entity's rule queries (the service's
 * `service="churn"` when its rule query selects `http_requests_total{service="churn"}`). A
 * rule on a metric the service shares with others, without a selector of its own, is not
 * meant.
 *
 * @internal
 */
export function rulesNamingService(
  rules: readonly PrometheusRule[],
  entityName: string,
  queries: readonly string[],
): PrometheusRule[] {
  const name = entityName.toLowerCase();
  const selections = queries
    .map(q =>
      labelMatchers(q).filter(m => m.op === '=' && m.name !== '__name__'),
    )
    .filter(set => set.length > 0);
  const selectsName = (m: LabelMatcher) =>
    (m.op === '=' && m.value.toLowerCase() === name) ||
    (m.op === '=~' &&
      m.value
        .split('|')
        .some(alternative => alternative.toLowerCase() === name));
  return rules.filter(rule => {
    const labels = rule.labels ?? {};
    const matchers = labelMatchers(rule.query);
    const has = (m: LabelMatcher) =>
      labels[m.name] === m.value ||
      matchers.some(
        r => r.op === '=' && r.name === m.name && r.value === m.value,
      );
    return (
      Object.values(labels).some(v => v.toLowerCase() === name) ||
      matchers.some(selectsName) ||
      selections.some(set => set.every(has))
    );
  });
}

interface Judged {
  problems: string[];
  passes: string[];
  notes: string[];
  newest: Date[];
  links: Array<{ title: string; url: string }>;
  details: Array<Record<string, string | number | null>>;
}

function judgeQueries(facts: ServingFacts, judged: Judged) {
  const items = facts.ruleItems.slice(0, MAX_QUERIES);
  items.forEach((item, i) => {
    const { query, label } = ruleQuery(item);
    const answer = facts.answers[i];
    const title = `${label ? `${label}: ` : ''}${shown(query)}`;
    if (!answer) {
      judged.problems.push(`${shown(query)} was not asked`);
      return;
    }
    if ('error' in answer) {
      judged.problems.push(
        `Prometheus ${facts.instance} rejects the query ${shown(query)} (${
          answer.error
        }); fix it in prometheus.io/rule`,
      );
      judged.details.push({ query, error: answer.error });
      return;
    }
    const since = answer.at.getTime() - DAY_MS;
    const recent = answer.series.filter(s => s.lastSeen.getTime() >= since);
    const last = Math.max(...answer.series.map(s => s.lastSeen.getTime()));
    judged.details.push({
      query,
      series: answer.series.length,
      seriesInLastDay: recent.length,
      lastSample: answer.series.length ? new Date(last).toISOString() : null,
      examples: answer.series
        .slice(0, 3)
        .map(s => s.name)
        .join(' '),
    });
    if (recent.length > 0) {
      judged.newest.push(new Date(last));
      judged.passes.push(
        `${shown(query)} has ${
          recent.length
        } series with samples in the last day`,
      );
      judged.links.push({
        title: `${title} in Prometheus`,
        url: graphUrl(facts.uiUrl, query, '1d'),
      });
    } else if (answer.series.length > 0) {
      const days = Math.floor((answer.at.getTime() - last) / DAY_MS);
      judged.problems.push(
        `${shown(
          query,
        )} has no sample in the last day: its series were last seen ${new Date(
          last,
        ).toISOString()}, ${days} day${days === 1 ? '' : 's'} ago`,
      );
      judged.links.push({
        title: `${title} in Prometheus`,
        url: graphUrl(facts.uiUrl, query, '1w'),
      });
    } else {
      judged.problems.push(
        `${shown(query)} selects no series in Prometheus ${
          facts.instance
        } (none in the last 7 days)`,
      );
      judged.links.push({
        title: `${title} in Prometheus`,
        url: graphUrl(facts.uiUrl, query, '1d'),
      });
    }
  });
  if (facts.ruleItems.length > MAX_QUERIES) {
    judged.notes.push(
      `only the first ${MAX_QUERIES} of ${facts.ruleItems.length} prometheus.io/rule queries were checked`,
    );
  }
}

function judgeAlerts(facts: ServingFacts, judged: Judged) {
  const rules = facts.rules ?? [];
  const byName = new Map<string, PrometheusRule[]>();
  for (const rule of rules) {
    byName.set(rule.name, [...(byName.get(rule.name) ?? []), rule]);
  }
  const checked: PrometheusRule[] = [];
  for (const name of facts.alertNames) {
    if (name === 'all') {
      const named = rulesNamingService(
        rules,
        facts.entityName,
        facts.ruleItems.map(i => ruleQuery(i).query),
      );
      if (named.length === 0) {
        judged.problems.push(
          `no alerting rule loaded in Prometheus ${facts.instance} names ${facts.entityName} (prometheus.io/alert: all looks for a label or selector with the service)`,
        );
      }
      checked.push(...named);
      continue;
    }
    const loaded = byName.get(name);
    if (!loaded) {
      judged.problems.push(
        `alerting rule ${name} is not loaded in Prometheus ${facts.instance}`,
      );
      judged.details.push({ alert: name, loaded: 0 });
    } else checked.push(...loaded);
  }
  const unique = [...new Set(checked)];
  for (const rule of unique) {
    judged.details.push({
      alert: rule.name,
      loaded: 1,
      health: rule.health ?? null,
      state: rule.state ?? null,
    });
    if (rule.health === 'err') {
      judged.problems.push(
        `alerting rule ${rule.name} is loaded but its query fails: ${
          rule.lastError ?? 'no error given'
        }`,
      );
    }
  }
  if (unique.length > 0) {
    const names = [...new Set(unique.map(r => r.name))];
    const firing = unique.filter(r => r.state === 'firing').length;
    judged.passes.push(
      `alerting rule${names.length === 1 ? '' : 's'} ${names.join(
        ', ',
      )} loaded${firing ? ` (${firing} firing)` : ''}`,
    );
  }
  judged.links.push({
    title: `Alerts in Prometheus ${facts.instance}`,
    url: `${facts.uiUrl}/alerts`,
  });
}

/**
 * The `serving-logging` evidence of one entity's references to one Prometheus instance: one
 * item, because the check needs the serving series and the error alerts together. It passes
 * when every rule query has a series with a sample in the last day (by Prometheus's clock) and
 * every named alerting rule is loaded and evaluates; `observedAt` is the newest sample of the
 * query seen least recently. A pure function of what Prometheus answered.
 *
 * @internal
 */
export function servingLoggingEvidence(facts: ServingFacts): CollectedEvidence {
  const base = { checkId: facts.checkId };
  if (facts.ruleItems.length === 0) {
    return {
      ...base,
      status: 'fail',
      message: `No serving series named: prometheus.io/alert names alerts, but no prometheus.io/rule query shows the service's requests in Prometheus ${facts.instance}`,
    };
  }
  if (facts.alertNames.length === 0) {
    return {
      ...base,
      status: 'fail',
      message: `No alerting rule named: add prometheus.io/alert with the service's error alerts in Prometheus ${facts.instance} (or all)`,
    };
  }
  const judged: Judged = {
    problems: [],
    passes: [],
    notes: [],
    newest: [],
    links: [],
    details: [],
  };
  judgeQueries(facts, judged);
  judgeAlerts(facts, judged);
  const details = { instance: facts.instance, checked: judged.details };
  if (judged.problems.length > 0) {
    return {
      ...base,
      status: 'fail',
      message: [...judged.problems, ...judged.notes].join('; '),
      links: judged.links,
      details,
    };
  }
  return {
    ...base,
    status: 'pass',
    message: [
      `${judged.passes.join('; ')} in Prometheus ${facts.instance}`,
      ...judged.notes,
    ].join('; '),
    observedAt: new Date(Math.min(...judged.newest.map(d => d.getTime()))),
    links: judged.links,
    details,
  };
}

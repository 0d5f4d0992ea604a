import {
  MAX_QUERIES,
  QueryAnswer,
  rulesNamingService,
  ServingFacts,
  servingLoggingEvidence,
} from './prometheusEvidence';
import type { PrometheusRule } from './prometheusTypes';

const at = new Date('2026-11-30T12:00:00Z');
const ago = (ms: number) => new Date(at.getTime() - ms);
const HOUR = 60 * 60 * 1000;

const fresh: QueryAnswer = {
  at,
  series: [{ name: 'http_requests_total{service="churn"}', lastSeen: ago(0) }],
};
const rule = (over: Partial<PrometheusRule> = {}): PrometheusRule => ({
  name: 'ChurnErrors',
  query: 'rate(http_request_errors_total{service="churn"}[5m]) > 1',
  type: 'alerting',
  labels: { severity: 'page' },
  health: 'ok',
  state: 'inactive',
  ...over,
});

const passing: ServingFacts = {
  checkId: 'serving-logging',
  instance: 'main',
  uiUrl: 'https://prom.example',
  entityName: 'churn-model',
  ruleItems: ['sum(rate(http_requests_total{service="churn"}[5m]))|code'],
  alertNames: ['ChurnErrors'],
  answers: [fresh],
  rules: [rule(), rule({ name: 'OtherErrors', query: 'up == 0' })],
};

describe('servingLoggingEvidence', () => {
  // Each row breaks one pass rule of a passing entity; every row must fail.
  it.each<[string, Partial<ServingFacts>, string | RegExp]>([
    [
      'no rule query',
      { ruleItems: [], answers: [] },
      /^No serving series named/,
    ],
    ['no alert name', { alertNames: [] }, /^No alerting rule named/],
    [
      'a query Prometheus rejects',
      { answers: [{ error: 'parse error: unexpected "}"' }] },
      'Prometheus main rejects the query sum(rate(http_requests_total{service="churn"}[5m])) (parse error: unexpected "}"); fix it in prometheus.io/rule',
    ],
    [
      'a query without series',
      { answers: [{ at, series: [] }] },
      'sum(rate(http_requests_total{service="churn"}[5m])) selects no series in Prometheus main (none in the last 7 days)',
    ],
    [
      'a query whose series were last seen over a day ago',
      {
        answers: [
          { at, series: [{ name: 'x', lastSeen: ago(24 * HOUR + 1000) }] },
        ],
      },
      'has no sample in the last day: its series were last seen 2026-11-29T11:59:59.000Z, 1 day ago',
    ],
    [
      'a second query without series',
      {
        ruleItems: [...passing.ruleItems, 'up{job="churn"}'],
        answers: [fresh, { at, series: [] }],
      },
      /^up\{job="churn"\} selects no series/,
    ],
    [
      'a named alerting rule that is not loaded',
      { alertNames: ['ChurnErrors', 'ChurnLatency'] },
      'alerting rule ChurnLatency is not loaded in Prometheus main',
    ],
    [
      'a named alerting rule whose query fails',
      { rules: [rule({ health: 'err', lastError: 'many-to-many matching' })] },
      'alerting rule ChurnErrors is loaded but its query fails: many-to-many matching',
    ],
    [
      'all, when no rule names the service',
      {
        alertNames: ['all'],
        rules: [rule({ query: 'rate(errors_total{service="fraud"}[5m]) > 1' })],
      },
      'no alerting rule loaded in Prometheus main names churn-model',
    ],
    [
      'all, when a rule that names the service fails',
      {
        alertNames: ['all'],
        rules: [rule({ health: 'err', lastError: 'boom' })],
      },
      'alerting rule ChurnErrors is loaded but its query fails: boom',
    ],
  ])('fails for %s', (_, change, message) => {
    const evidence = servingLoggingEvidence({ ...passing, ...change });
    expect(evidence.status).toBe('fail');
    expect(evidence.observedAt).toBeUndefined();
    // A string matches as a substring.
    expect(evidence.message).toMatch(message);
  });

  it('passes with fresh series and loaded alerts, linking the graph and the alerts', () => {
    expect(servingLoggingEvidence(passing)).toEqual({
      checkId: 'serving-logging',
      status: 'pass',
      message:
        'sum(rate(http_requests_total{service="churn"}[5m])) has 1 series with samples in the last day; alerting rule ChurnErrors loaded in Prometheus main',
      observedAt: at,
      links: [
        {
          title:
            'code: sum(rate(http_requests_total{service="churn"}[5m])) in Prometheus',
          url: 'https://prom.example/graph?g0.expr=sum(rate(http_requests_total%7Bservice%3D%22churn%22%7D%5B5m%5D))&g0.tab=0&g0.range_input=1d',
        },
        {
          title: 'Alerts in Prometheus main',
          url: 'https://prom.example/alerts',
        },
      ],
      details: {
        instance: 'main',
        checked: [
          {
            query: 'sum(rate(http_requests_total{service="churn"}[5m]))',
            series: 1,
            seriesInLastDay: 1,
            lastSample: at.toISOString(),
            examples: 'http_requests_total{service="churn"}',
          },
          {
            alert: 'ChurnErrors',
            loaded: 1,
            health: 'ok',
            state: 'inactive',
          },
        ],
      },
    });
  });

  it('passes a series last seen exactly a day ago, by Prometheus clock', () => {
    const evidence = servingLoggingEvidence({
      ...passing,
      answers: [{ at, series: [{ name: 'x', lastSeen: ago(24 * HOUR) }] }],
    });
    expect(evidence.status).toBe('pass');
  });

  it('dates the proof by the query seen least recently, and says which alerts fire', () => {
    const evidence = servingLoggingEvidence({
      ...passing,
      ruleItems: ['a', 'b'],
      answers: [
        {
          at,
          series: [
            { name: 'a1', lastSeen: ago(2 * HOUR) },
            { name: 'a2', lastSeen: ago(HOUR) },
          ],
        },
        { at, series: [{ name: 'b', lastSeen: ago(3 * HOUR) }] },
      ],
      rules: [rule({ state: 'firing' })],
    });
    expect(evidence.observedAt).toEqual(ago(3 * HOUR));
    expect(evidence.message).toBe(
      'a has 2 series with samples in the last day; b has 1 series with samples in the last day; alerting rule ChurnErrors loaded (1 firing) in Prometheus main',
    );
  });

  it(`checks at most ${MAX_QUERIES} queries and says so`, () => {
    const items = Array.from({ length: 7 }, (_, i) => `q${i}`);
    const evidence = servingLoggingEvidence({
      ...passing,
      ruleItems: items,
      answers: items.slice(0, MAX_QUERIES).map(() => fresh),
    });
    expect(evidence.status).toBe('pass');
    expect(evidence.message).toMatch(
      /; only the first 5 of 7 prometheus.io\/rule queries were checked$/,
    );
  });

  it('links a stale query over the last week', () => {
    const evidence = servingLoggingEvidence({
      ...passing,
      answers: [{ at, series: [{ name: 'x', lastSeen: ago(72 * HOUR) }] }],
    });
    expect(evidence.links![0].url).toMatch(/range_input=1w$/);
  });
});

describe('rulesNamingService (prometheus.io/alert: all)', () => {
  const named = (r: PrometheusRule, queries: string[] = []) =>
    rulesNamingService([r], 'churn-model', queries).length === 1;

  it('finds a rule by a label whose value is the entity name', () => {
    expect(
      named(rule({ query: 'up == 0', labels: { app: 'Churn-Model' } })),
    ).toBe(true);
  });

  it('finds a rule whose query selects the entity name, also among regex alternatives', () => {
    expect(named(rule({ query: 'up{job="churn-model"} == 0' }))).toBe(true);
    expect(named(rule({ query: "up{job=~'fraud|churn-model'} == 0" }))).toBe(
      true,
    );
    expect(named(rule({ query: 'up{job!="churn-model"} == 0' }))).toBe(false);
  });

  it("finds a rule that has every equality matcher of one of the entity's queries", () => {
    const queries = [
      'sum(rate(http_requests_total{service="churn",env="prod"}[5m]))',
    ];
    expect(
      named(
        rule({
          query: 'rate(errors_total{env="prod", service="churn"}[5m]) > 1',
        }),
        queries,
      ),
    ).toBe(true);
    // The label may be set by the rule instead of selected.
    expect(
      named(
        rule({
          query: 'rate(errors_total{env="prod"}[5m]) > 1',
          labels: { service: 'churn' },
        }),
        queries,
      ),
    ).toBe(true);
    expect(
      named(rule({ query: 'rate(errors_total{env="prod"}[5m]) > 1' }), queries),
    ).toBe(false);
  });

  it('does not take a rule on a metric the service shares with others', () => {
    expect(
      named(rule({ query: 'rate(http_requests_total[5m]) > 1' }), [
        'http_requests_total',
      ]),
    ).toBe(false);
  });
});

import type http from 'node:http';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { mlService } from '../../__testUtils__/assessments';
import { createTestEngine } from '../../__testUtils__/createTestEngine';
import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { FaultProxy } from '../../__testUtils__/FaultProxy';
import { PrometheusCollector } from './PrometheusCollector';

// Runs against the real Prometheus that scripts/tools/prometheus.sh starts (Debian's package),
// scraping integration/prometheus/exporter.py every second with the alerting rules of
// integration/prometheus/scenarios.py, and stale-model's samples backfilled three days back;
// skipped when none is running.
const prometheusUrl = process.env.MLOPS_PROMETHEUS_URL;
const withPrometheus = prometheusUrl ? describe : describe.skip;

jest.setTimeout(60_000);

const config = {
  tools: { prometheus: [{ name: 'prod', baseUrl: prometheusUrl }] },
};

function collectorFor(baseUrl: string, extra: object = {}) {
  return PrometheusCollector.fromConfig(
    new ConfigReader({
      mlopsMaturity: {
        tools: { prometheus: [{ name: 'prod', baseUrl, ...extra }] },
      },
    }),
    mockServices.logger.mock(),
  )!;
}

const serving = (name: string, rule?: string, alert?: string) =>
  mlService(name, {
    level: 0,
    annotations: {
      ...(rule ? { 'prometheus.io/rule': rule } : {}),
      ...(alert ? { 'prometheus.io/alert': alert } : {}),
    },
  });

/** A proxy in front of Prometheus that lets only one Authorization header through. */
class AuthProxy extends FaultProxy {
  constructor(target: string, private readonly authorization: string) {
    super(target);
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.headers.authorization !== this.authorization) {
      res.statusCode = 401;
      res.end();
      return;
    }
    super.handle(req, res);
  }
}

const requests = (service: string) =>
  `sum by (code) (rate(http_requests_total{service="${service}"}[5m]))|code`;

withPrometheus(
  'the Prometheus collector against a real Prometheus server',
  () => {
    const scenarios = () => [
      serving(
        'churn-model',
        requests('churn-model'),
        'ChurnModelHighErrorRate',
      ),
      // all: the rules that name the service; its series under two metric names, and a range.
      serving(
        'fraud-model',
        '{service="fraud-model"}, http_request_errors_total{service="fraud-model"}[5m]|service',
        'all',
      ),
      serving(
        'missing-model',
        requests('missing-model'),
        'ChurnModelHighErrorRate',
      ),
      serving(
        'stale-model',
        requests('stale-model'),
        'StaleModelHighErrorRate',
      ),
      serving(
        'alertless-model',
        requests('alertless-model'),
        'AlertlessModelHighErrorRate',
      ),
      serving('broken-model', requests('broken-model'), 'BrokenModelErrors'),
      serving(
        'bad-query',
        'rate(http_requests_total{service="churn-model"})',
        'ChurnModelHighErrorRate',
      ),
      serving(
        'scalar-query',
        'scalar(sum(http_requests_total))',
        'ChurnModelHighErrorRate',
      ),
      serving('unnamed-model', 'up{job="ml-serving"}', 'all'),
      serving('rule-only', requests('churn-model')),
      serving('alert-only', undefined, 'ChurnModelHighErrorRate'),
    ];

    async function assess(
      entities = scenarios(),
      collector = collectorFor(prometheusUrl!),
    ) {
      const { engineFor, store } = await createTestEngine({
        collectors: [collector],
        config,
        clock: () => new Date(),
      });
      const run = await engineFor(entities).assessAll({ trigger: 'manual' });
      const check = async (name: string) =>
        (await store.getAssessment(`component:default/${name}`))!.checks.find(
          c => c.id === 'serving-logging',
        )!;
      return { run, check, collector };
    }

    it('proves a service whose requests have fresh samples and whose error alert is loaded', async () => {
      const { check } = await assess();
      const result = await check('churn-model');
      const query =
        'sum by (code) (rate(http_requests_total{service="churn-model"}[5m]))';
      expect(result).toMatchObject({
        status: 'pass',
        source: 'prometheus',
        message: `${query} has 2 series with samples in the last day; alerting rule ChurnModelHighErrorRate loaded in Prometheus prod`,
        links: [
          {
            title: `code: ${query} in Prometheus`,
            url: `${prometheusUrl}/graph?g0.expr=${encodeURIComponent(
              query,
            )}&g0.tab=0&g0.range_input=1d`,
          },
          {
            title: 'Alerts in Prometheus prod',
            url: `${prometheusUrl}/alerts`,
          },
        ],
      });
      // The newest sample is the latest scrape's, seconds old.
      expect(Date.now() - Date.parse(result.observedAt!)).toBeLessThan(60_000);
      expect(result.evidence).toMatchObject({
        instance: 'prod',
        checked: [
          { query, series: 2, seriesInLastDay: 2 },
          { alert: 'ChurnModelHighErrorRate', health: 'ok', state: 'inactive' },
        ],
      });
    });

    it('reads all as the rules that name the service, and series under several names or a range', async () => {
      const { check } = await assess();
      expect(await check('fraud-model')).toMatchObject({
        status: 'pass',
        message:
          '{service="fraud-model"} has 3 series with samples in the last day; http_request_errors_total{service="fraud-model"}[5m] has 1 series with samples in the last day; alerting rule FraudModelHighErrorRate loaded in Prometheus prod',
      });
    });

    it.each([
      [
        'missing-model',
        'sum by (code) (rate(http_requests_total{service="missing-model"}[5m])) selects no series in Prometheus prod (none in the last 7 days)',
      ],
      [
        'stale-model',
        /^sum by \(code\) \(rate\(http_requests_total\{service="stale-model"\}\[5m\]\)\) has no sample in the last day: its series were last seen \S+, 2 days ago$/,
      ],
      [
        'alertless-model',
        'alerting rule AlertlessModelHighErrorRate is not loaded in Prometheus prod',
      ],
      [
        'broken-model',
        /^alerting rule BrokenModelErrors is loaded but its query fails: .*many-to-many matching not allowed/,
      ],
      [
        'bad-query',
        'Prometheus prod rejects the query rate(http_requests_total{service="churn-model"}) (parse error: expected type range vector in call to function "rate", got instant vector); fix it in prometheus.io/rule',
      ],
      [
        'scalar-query',
        'Prometheus prod rejects the query scalar(sum(http_requests_total)) (it returns a scalar, not series); fix it in prometheus.io/rule',
      ],
      [
        'unnamed-model',
        'no alerting rule loaded in Prometheus prod names unnamed-model (prometheus.io/alert: all looks for a label or selector with the service)',
      ],
      [
        'rule-only',
        'No alerting rule named: add prometheus.io/alert with the service',
      ],
      [
        'alert-only',
        'No serving series named: prometheus.io/alert names alerts, but no prometheus.io/rule query',
      ],
    ])('fails %s, saying why', async (name, message) => {
      const { check } = await assess();
      const result = await check(name);
      expect(result.status).toBe('fail');
      // A string matches as a substring.
      expect(result.message).toMatch(message);
    });

    it('links a stale series over the last week, where its samples show', async () => {
      const { check } = await assess();
      expect((await check('stale-model')).links[0].url).toMatch(
        /g0\.range_input=1w$/,
      );
    });

    it('lists the alerting rules once per run: one request per rule query besides', async () => {
      const collector = collectorFor(prometheusUrl!);
      const entities = scenarios();
      const { run } = await assess(entities, collector);
      expect(run.failed).toBe(0);
      // 10 queries of the 9 entities with both annotations, plus the one rules listing.
      expect(collector.requestCounts().prod).toBe(10 + 1);
      expect(
        collector.requestCounts().prod / entities.length,
      ).toBeLessThanOrEqual(2);
    });

    it('asks through an authenticating proxy with the configured token, and never shows it', async () => {
      const proxy = await new AuthProxy(
        prometheusUrl!,
        'Bearer s3cret',
      ).start();
      try {
        const entity = scenarios()[0];
        const { check } = await assess(
          [entity],
          collectorFor(proxy.url, { token: 's3cret' }),
        );
        expect((await check('churn-model')).status).toBe('pass');
        const { check: refused } = await assess(
          [entity],
          collectorFor(proxy.url, { token: 'wrong' }),
        );
        const result = await refused('churn-model');
        // Never verified in this store: the claim stays declared, with the reason.
        expect(result).toMatchObject({
          status: 'declared',
          message: expect.stringContaining('credentials rejected (HTTP 401)'),
        });
        expect(JSON.stringify(result)).not.toMatch(/s3cret|wrong/);
      } finally {
        await proxy.stop();
      }
    });

    describeToolFaults({
      tool: 'Prometheus',
      targetUrl: prometheusUrl!,
      collectorFor: (baseUrl, timeoutMs) =>
        collectorFor(baseUrl, { timeoutMs }),
      config,
      entity: serving(
        'churn-model',
        requests('churn-model'),
        'ChurnModelHighErrorRate',
      ),
      scenarios: scenarios(),
      checkId: 'serving-logging',
    });
  },
);

import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { loadRubric } from '../rubric/loadRubric';
import { parseAnnotations, ParseOptions } from './parseAnnotations';

const rubric = loadRubric();

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', annotations },
});

const parse = (
  annotations: Record<string, string>,
  options: ParseOptions = { rubric, instances: {} },
) => parseAnnotations(entity(annotations), options);

const statusOf = (
  annotations: Record<string, string>,
  options?: ParseOptions,
) => parse(annotations, options).evidence.map(e => [e.checkId, e.status]);

const prod = {
  rubric,
  instances: { mlflow: ['prod', 'dev'], dagster: ['main'] },
};

describe('parseAnnotations', () => {
  it.each<[string, Record<string, string>, ParseOptions | undefined, unknown]>([
    [
      'a tool id with no instance configured is declared',
      { 'mlflow.org/registered-model': 'churn' },
      undefined,
      [['experiment-tracking', 'declared']],
    ],
    [
      'no prefix means the first configured instance',
      { 'mlflow.org/registered-model': 'churn' },
      prod,
      [['experiment-tracking', 'declared']],
    ],
    [
      'a configured instance name is declared',
      { 'mlflow.org/registered-model': 'dev:churn' },
      prod,
      [['experiment-tracking', 'declared']],
    ],
    [
      'an unknown instance name is invalid',
      { 'mlflow.org/registered-model': 'staging:churn' },
      prod,
      [['experiment-tracking', 'invalid']],
    ],
    [
      'an empty value is invalid',
      { 'airflow.apache.org/dag-id': '' },
      undefined,
      [['training-pipeline', 'invalid']],
    ],
    [
      'a blank value is invalid',
      { 'airflow.apache.org/dag-id': '   ' },
      undefined,
      [['training-pipeline', 'invalid']],
    ],
    [
      'an empty list item is invalid',
      { 'airflow.apache.org/dag-id': 'a,,b' },
      undefined,
      [['training-pipeline', 'invalid']],
    ],
    [
      'a list of ids is declared',
      { 'airflow.apache.org/dag-id': 'a, b' },
      undefined,
      [['training-pipeline', 'declared']],
    ],
    [
      'a non-numeric MLflow experiment is invalid',
      { 'mlflow.org/experiment': 'abc' },
      undefined,
      [['experiment-tracking', 'invalid']],
    ],
    [
      'a Dagster job needs location:repo:job',
      { 'dagster.io/job': 'repo:job' },
      undefined,
      [['training-pipeline', 'invalid']],
    ],
    [
      'a Dagster job with an instance',
      { 'dagster.io/job': 'main:loc:repo:job' },
      prod,
      [['training-pipeline', 'declared']],
    ],
    [
      'a KServe service needs namespace/name',
      { 'kserve.io/inference-service': 'churn' },
      undefined,
      [['ab-testing', 'invalid']],
    ],
    [
      'a repository path is declared',
      { 'mlops-maturity.io/training-entrypoint': 'src/train.py' },
      undefined,
      [['training-script', 'declared']],
    ],
    [
      'an absolute path is invalid',
      { 'mlops-maturity.io/training-entrypoint': '/etc/passwd' },
      undefined,
      [['training-script', 'invalid']],
    ],
    [
      'a path leaving the repository is invalid',
      { 'mlops-maturity.io/quality-gate': 'a/../../x' },
      undefined,
      [['quality-gate', 'invalid']],
    ],
    [
      'a URL is not a repository path',
      { 'mlops-maturity.io/deployment-entrypoint': 'https://evil.example/x' },
      undefined,
      [['deployment-script', 'invalid']],
    ],
    [
      'a link is declared',
      { 'mlops-maturity.io/serving-logs': 'https://logs.example' },
      undefined,
      [['serving-logging', 'declared']],
    ],
    [
      'on-drift with a pipeline declares drift-triggered retraining',
      {
        'mlops-maturity.io/retrain-cadence': 'on-drift',
        'airflow.apache.org/dag-id': 't',
      },
      undefined,
      [
        ['training-pipeline', 'declared'],
        ['drift-triggered-retraining', 'declared'],
      ],
    ],
    [
      'on-drift without a pipeline is not declared',
      { 'mlops-maturity.io/retrain-cadence': 'on-drift' },
      undefined,
      [['drift-triggered-retraining', 'not-declared']],
    ],
    [
      'automatic promotion is declared',
      { 'mlops-maturity.io/promotion': 'automatic' },
      undefined,
      [['auto-promotion', 'declared']],
    ],
    [
      'manual promotion is not declared',
      { 'mlops-maturity.io/promotion': 'manual' },
      undefined,
      [['auto-promotion', 'not-declared']],
    ],
    [
      'another promotion value is invalid',
      { 'mlops-maturity.io/promotion': 'yes' },
      undefined,
      [['auto-promotion', 'invalid']],
    ],
    [
      'a value over 2048 characters is invalid',
      { 'mlflow.org/registered-model': 'x'.repeat(3000) },
      undefined,
      [['experiment-tracking', 'invalid']],
    ],
  ])('%s', (_name, annotations, options, expected) => {
    expect(statusOf(annotations, options)).toEqual(expected);
  });

  describe('ids that go into URL paths', () => {
    // For every tool annotation of the default rubric: an id its pattern admits, but with a
    // "." or ".." part, which URL parsing would resolve out of the tool's API.
    const climbing = ['..', '.', 'a/..', '../a', 'a/../b', 'a:b:..', '%2e%2e'];
    const toolKeys = rubric.checks.flatMap(c =>
      c.annotations.flatMap(a =>
        a.kind === 'tool'
          ? [{ check: c.id, key: a.key, pattern: a.idPattern }]
          : [],
      ),
    );

    it.each(toolKeys)(
      '$key refuses "." and ".." as an id or part of one',
      ({ check, key, pattern }) => {
        const values = climbing.filter(v => new RegExp(pattern).test(v));
        for (const value of values) {
          const [evidence] = parse({ [key]: value }).evidence;
          expect(evidence).toMatchObject({ checkId: check, status: 'invalid' });
          expect(evidence.message).toContain(
            '"." and ".." cannot be part of an id',
          );
        }
        expect(parse({ [key]: values[0] ?? '..' }).references).toEqual([]);
      },
    );

    it('says what is wrong with an Airflow DAG id of ".."', () => {
      expect(
        parse({ 'airflow.apache.org/dag-id': 'train, ..' }).evidence,
      ).toEqual([
        expect.objectContaining({
          status: 'invalid',
          message:
            'airflow.apache.org/dag-id value ".." is not [instance:]a DAG id: "." and ".." cannot be part of an id',
        }),
      ]);
    });

    it('does not take a github.com/project-slug that climbs out of /repos, and says so', () => {
      const parsed = parse({
        'github.com/project-slug': '../..',
        'mlops-maturity.io/quality-gate': '.github/workflows/gate.yml',
      });
      expect(parsed.facts.githubSlug).toBeUndefined();
      expect(parsed.references.map(r => r.tool)).toEqual(['repository']);
      expect(parsed.problems).toEqual([
        {
          annotation: 'github.com/project-slug',
          message:
            'github.com/project-slug must be owner/repository, not "../.."; GitHub is not asked about its workflows',
        },
      ]);
    });
  });

  describe('lists', () => {
    it('asks once for an id named many times', () => {
      const parsed = parse({
        'mlflow.org/experiment': Array(600).fill('1').join(','),
      });
      expect(parsed.references).toEqual([
        expect.objectContaining({ tool: 'mlflow', id: '1' }),
      ]);
      expect(parsed.evidence).toEqual([
        expect.objectContaining({
          status: 'declared',
          message: 'Declared by mlflow.org/experiment ("1")',
        }),
      ]);
    });

    it('counts prod:x and x as one when prod is the default instance', () => {
      expect(
        parse({ 'mlflow.org/registered-model': 'prod:churn, churn' }, prod)
          .references,
      ).toHaveLength(1);
    });

    it('makes an annotation naming more than 20 objects invalid, asking for none', () => {
      const ids = Array.from({ length: 21 }, (_, i) => String(i + 1));
      const parsed = parse({ 'mlflow.org/experiment': ids.join(',') });
      expect(parsed.references).toEqual([]);
      expect(parsed.evidence).toEqual([
        expect.objectContaining({
          status: 'invalid',
          message:
            'mlflow.org/experiment names 21 objects; at most 20 are read from one annotation',
        }),
      ]);
      expect(
        parse({ 'mlflow.org/experiment': ids.slice(0, 20).join(',') })
          .references,
      ).toHaveLength(20);
    });
  });

  it('names the configured instances when one is unknown', () => {
    const [e] = parse(
      { 'mlflow.org/registered-model': 'staging:churn' },
      prod,
    ).evidence;
    expect(e.message).toBe(
      'mlflow.org/registered-model names mlflow instance "staging", which is not configured (configured: prod, dev)',
    );
  });

  it('resolves tool references to configured instances', () => {
    expect(
      parse({ 'mlflow.org/registered-model': 'churn,dev:fraud' }, prod)
        .references,
    ).toEqual([
      expect.objectContaining({
        tool: 'mlflow',
        instance: 'prod',
        id: 'churn',
      }),
      expect.objectContaining({ tool: 'mlflow', instance: 'dev', id: 'fraud' }),
    ]);
  });

  describe('annotations that other Backstage plugins define', () => {
    const observed = {
      rubric,
      instances: { prometheus: ['main', 'edge'], grafana: ['main'] },
    };

    it('reads prometheus.io/rule as the Prometheus plugin does: PromQL with colons, the instance from prometheus.io/service-name', () => {
      const parsed = parse(
        {
          'prometheus.io/rule':
            'job:request_errors:rate5m{service="churn"}|job, up{job="churn"}',
          'prometheus.io/alert': 'ChurnErrors',
          'prometheus.io/service-name': 'edge',
        },
        observed,
      );
      expect(parsed.evidence.map(e => [e.checkId, e.status])).toEqual([
        ['serving-logging', 'declared'],
        ['serving-logging', 'declared'],
      ]);
      expect(parsed.references.map(r => [r.instance, r.id])).toEqual([
        ['edge', 'job:request_errors:rate5m{service="churn"}|job'],
        ['edge', 'up{job="churn"}'],
        ['edge', 'ChurnErrors'],
      ]);
    });

    it('uses the first configured instance without prometheus.io/service-name', () => {
      expect(
        parse({ 'prometheus.io/alert': 'all' }, observed).references,
      ).toEqual([expect.objectContaining({ instance: 'main', id: 'all' })]);
    });

    it('names prometheus.io/service-name when it names an instance that is not configured', () => {
      const [e] = parse(
        {
          'prometheus.io/alert': 'all',
          'prometheus.io/service-name': 'lab',
        },
        observed,
      ).evidence;
      expect([e.status, e.message]).toEqual([
        'invalid',
        'prometheus.io/service-name names prometheus instance "lab", which is not configured (configured: main, edge)',
      ]);
    });

    it('refuses an empty prometheus.io/service-name rather than guessing the instance', () => {
      const [e] = parse(
        { 'prometheus.io/alert': 'all', 'prometheus.io/service-name': ' ' },
        observed,
      ).evidence;
      expect([e.status, e.message]).toEqual([
        'invalid',
        'prometheus.io/service-name is empty',
      ]);
    });

    it('reads a Grafana selector whole, commas and all', () => {
      const selector = "(tags @> 'churn' || tags @> 'churn-slo'), tags @> 'ml'";
      const parsed = parse(
        { 'grafana/dashboard-selector': selector },
        observed,
      );
      expect(parsed.evidence.map(e => [e.checkId, e.status])).toEqual([
        ['quality-dashboard', 'declared'],
      ]);
      expect(parsed.references).toEqual([
        expect.objectContaining({
          tool: 'grafana',
          instance: 'main',
          id: selector,
        }),
      ]);
    });
  });

  it('only shows http(s) links as links', () => {
    const [safe] = parse({
      'mlops-maturity.io/serving-logs': 'https://logs.example/a',
    }).evidence;
    const [script] = parse({
      'mlops-maturity.io/serving-logs': ['javascript', 'alert(1)'].join(':'),
    }).evidence;
    expect(safe.links).toEqual([
      {
        title: 'mlops-maturity.io/serving-logs',
        url: 'https://logs.example/a',
      },
    ]);
    expect(script.links).toBeUndefined();
  });

  it.each([
    ['mlops-maturity.io/target-level', '7'],
    ['mlops-maturity.io/target-level', ''],
    ['mlops-maturity.io/retrain-cadence', 'sometimes'],
    ['mlops-maturity.io/retrain-cadence', 'P0D'],
    ['mlops-maturity.io/criticality', 'extreme'],
  ])('lists %s %p as a problem', (annotation, value) => {
    const parsed = parse({ [annotation]: value });
    expect(parsed.problems).toEqual([expect.objectContaining({ annotation })]);
    expect(parsed.targetLevel).toBeUndefined();
  });

  it.each([
    ['quarterly', { kind: 'period', days: 90, label: 'quarterly' }],
    ['P3M', { kind: 'period', days: 90, label: 'P3M' }],
    ['P1Y2W', { kind: 'period', days: 379, label: 'P1Y2W' }],
    ['on-drift', { kind: 'on-drift' }],
  ])('reads the cadence %p', (value, expected) => {
    expect(
      parse({ 'mlops-maturity.io/retrain-cadence': value }).facts
        .retrainCadence,
    ).toEqual(expected);
  });

  it('declares checks added in config by their own annotations', () => {
    const parsed = parseAnnotations(
      entity({ 'acme.com/model-card': 'https://cards/1' }),
      {
        rubric: withRubric({
          'model-card': {
            level: 2,
            title: 'Model card',
            annotations: ['acme.com/model-card'],
          },
        }),
        instances: {},
      },
    );
    expect(parsed.evidence).toEqual([
      expect.objectContaining({ checkId: 'model-card', status: 'declared' }),
    ]);
  });

  it('reads overridden annotations, and the replaced keys no longer declare', () => {
    const custom = withRubric({
      'experiment-tracking': { annotations: ['acme.com/model-registry'] },
    });
    const parsed = (annotations: Record<string, string>) =>
      parseAnnotations(entity(annotations), { rubric: custom, instances: {} });
    expect(
      parsed({ 'acme.com/model-registry': 'https://registry/churn' }).evidence,
    ).toEqual([
      expect.objectContaining({
        checkId: 'experiment-tracking',
        status: 'declared',
      }),
    ]);
    const old = parsed({ 'mlflow.org/registered-model': 'churn' });
    expect(old.evidence).toEqual([]);
    expect(old.references).toEqual([]);
  });

  it('routes a known key moved to another check to its tool for that check', () => {
    const custom = withRubric({
      'experiment-tracking': { annotations: ['mlflow.org/experiment'] },
      'model-registry': {
        level: 2,
        title: 'Registered model',
        annotations: ['mlflow.org/registered-model'],
        verifiers: ['mlflow'],
      },
    });
    const parsed = parseAnnotations(
      entity({ 'mlflow.org/registered-model': 'prod:churn' }),
      { rubric: custom, instances: { mlflow: ['prod'] } },
    );
    expect(parsed.references).toEqual([
      expect.objectContaining({
        checkId: 'model-registry',
        tool: 'mlflow',
        id: 'churn',
      }),
    ]);
    expect(parsed.evidence).toEqual([
      expect.objectContaining({
        checkId: 'model-registry',
        status: 'declared',
        verifiedBy: ['mlflow'],
      }),
    ]);
  });

  it('reads facts for collectors: source location, slug, promotion', () => {
    expect(
      parse({
        'backstage.io/source-location':
          'url:https://github.com/acme/churn/tree/main/',
        'github.com/project-slug': 'acme/churn',
        'mlops-maturity.io/promotion': 'Automatic',
      }).facts,
    ).toEqual({
      sourceLocation: 'https://github.com/acme/churn/tree/main/',
      githubSlug: 'acme/churn',
      promotion: 'automatic',
    });
    expect(
      parse({ 'github.com/project-slug': 'not a slug' }).facts.githubSlug,
    ).toBeUndefined();
  });
});

function withRubric(checks: Record<string, unknown>) {
  return loadRubric(
    new ConfigReader({ mlopsMaturity: { rubric: { checks } } } as any),
  );
}

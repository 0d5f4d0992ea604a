import { ConfigReader } from '@backstage/config';
import { loadRubric } from './loadRubric';

const withRubric = (rubric: unknown) =>
  loadRubric(new ConfigReader({ mlopsMaturity: { rubric } } as any));

describe('loadRubric', () => {
  it('has the twelve default checks, three per level, all required', () => {
    const rubric = loadRubric();
    expect(rubric.checks).toHaveLength(12);
    for (const level of [1, 2, 3, 4]) {
      expect(rubric.checks.filter(c => c.level === level)).toHaveLength(3);
    }
    expect(rubric.checks.every(c => c.required && c.guidance && c.why)).toBe(
      true,
    );
    expect(rubric.levels.map(l => l.effort)).toEqual([
      undefined,
      'about a week',
      '2–4 weeks',
      '4–8 weeks',
      '2–3 months',
    ]);
  });

  it('names the annotations that declare each default check', () => {
    const rubric = loadRubric();
    expect(
      rubric.checks
        .find(c => c.id === 'training-pipeline')!
        .annotations.map(a => a.key),
    ).toEqual(['airflow.apache.org/dag-id', 'dagster.io/job']);
  });

  it('names at least one verifier for every default check', () => {
    for (const check of loadRubric().checks) {
      expect(check.verifiers.length).toBeGreaterThan(0);
    }
  });

  it('takes a third-party tool annotation with its verifier', () => {
    const custom = withRubric({
      checks: {
        'experiment-tracking': {
          annotations: [{ key: 'acme.com/vertex-model', tool: 'vertex' }],
          verifiers: ['vertex'],
        },
      },
    });
    expect(
      custom.checks.find(c => c.id === 'experiment-tracking'),
    ).toMatchObject({
      annotations: [
        { key: 'acme.com/vertex-model', kind: 'tool', tool: 'vertex' },
      ],
      verifiers: [{ source: 'vertex' }],
    });
  });

  it('changes, adds and removes checks, and the version follows the content', () => {
    const base = loadRubric();
    const custom = withRubric({
      checks: {
        'ab-testing': { enabled: false },
        'quality-dashboard': { level: 4, required: false },
        'model-card': {
          level: 2,
          title: 'Model card',
          annotations: ['acme.com/model-card'],
        },
      },
    });
    expect(custom.checks.find(c => c.id === 'ab-testing')).toBeUndefined();
    expect(custom.checks.find(c => c.id === 'quality-dashboard')).toMatchObject(
      {
        level: 4,
        required: false,
      },
    );
    expect(custom.checks.find(c => c.id === 'model-card')).toMatchObject({
      level: 2,
    });
    expect(custom.version).not.toBe(base.version);
    expect(
      withRubric({
        checks: { 'quality-gate': { verifiers: ['mlflow'] } },
      }).checks.find(c => c.id === 'quality-gate')!.verifiers,
    ).toEqual([
      {
        source: 'mlflow',
        proves: 'the production model version carries validation_status=passed',
      },
    ]);
    expect(loadRubric().version).toBe(base.version);
  });

  it.each([
    [
      { checks: { 'quality-gate': { level: 7 } } },
      'mlopsMaturity.rubric.checks.quality-gate.level',
    ],
    [
      { checks: { 'quality-gate': { freshnesDays: 3 } } },
      'mlopsMaturity.rubric.checks.quality-gate',
    ],
    [
      { checks: { 'new-check': { level: 2 } } },
      'mlopsMaturity.rubric.checks.new-check: a new check needs title, annotations',
    ],
    [
      { checks: { Bad_Id: { enabled: false } } },
      'mlopsMaturity.rubric.checks.Bad_Id',
    ],
    [{ check: {} }, 'mlopsMaturity.rubric'],
    [
      { checks: { 'training-pipeline': { enabled: false } } },
      'mlopsMaturity.rubric.checks.training-pipeline: check drift-triggered-retraining needs it',
    ],
    [
      { checks: { 'quality-gate': { verifiers: ['Not A Source'] } } },
      'mlopsMaturity.rubric.checks.quality-gate.verifiers.0',
    ],
    [
      {
        checks: {
          'experiment-tracking': {
            annotations: [{ key: 'acme.com/vertex-model', tool: 'vertex' }],
          },
        },
      },
      'mlopsMaturity.rubric.checks.experiment-tracking.verifiers: acme.com/vertex-model names vertex objects, so vertex must be one of the check',
    ],
    [
      { checks: { 'training-pipeline': { verifiers: ['airflow'] } } },
      'mlopsMaturity.rubric.checks.training-pipeline.verifiers: dagster.io/job names dagster objects',
    ],
  ])('refuses %j naming the bad key', (rubric, key) => {
    expect(() => withRubric(rubric)).toThrow(key);
  });
});

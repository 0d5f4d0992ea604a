import fc from 'fast-check';
import request from 'supertest';
import { mlService } from '../__testUtils__/assessments';
import { startMaturityBackend } from '../__testUtils__/startMaturityBackend';
import {
  DEFAULT_RUBRIC_CHECKS,
  MLOPS_ANNOTATIONS,
} from '@mlops-maturity/plugin-mlops-maturity-common';

jest.setTimeout(120_000);

const knownKeys = [
  ...new Set([
    ...Object.values(MLOPS_ANNOTATIONS),
    ...DEFAULT_RUBRIC_CHECKS.flatMap(c => c.annotations.map(a => a.key)),
  ]),
];

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.constantFrom(
    '',
    ' ',
    '7',
    '-1',
    '4',
    'on-drift',
    'P0D',
    'P99999Y',
    'prod:',
    ':x',
    'a,,b',
    '../..',
    '/etc/passwd',
    ['javascript', 'x'].join(':'),
    'https://x.example/a',
  ),
  fc.string({ minLength: 3000, maxLength: 5000 }),
  fc
    .array(fc.constantFrom('prod', 'staging', 'x', ':', ',', '/', ' '), {
      maxLength: 12,
    })
    .map(p => p.join('')),
);
const key = fc.oneof(
  fc.constantFrom(...knownKeys),
  fc.string({ minLength: 1, maxLength: 60 }),
);
const annotations = fc.dictionary(key, value, { maxKeys: 15 });

describe('random annotations', () => {
  it('never make the job throw nor the API answer 500', async () => {
    const maps = fc.sample(annotations, { numRuns: 1000, seed: 20261126 });
    const entities = maps.map((a, i) =>
      mlService(`svc-${i}`, { owner: `team-${i % 7}`, annotations: a }),
    );
    const { server, runAssessment } = await startMaturityBackend({
      entities,
      config: {
        tools: { mlflow: [{ name: 'prod', baseUrl: 'http://127.0.0.1:1' }] },
      },
    });
    const run = await runAssessment();
    expect(run).toMatchObject({
      status: 'completed',
      assessed: 1000,
      failed: 0,
    });

    for (let i = 0; i < maps.length; i += 1) {
      const res = await request(server).get(
        `/api/mlops-maturity/v1/entities/component/default/svc-${i}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.checks).toHaveLength(12);
    }
    for (const path of [
      '/v1/scorecard?groupBy=owner',
      '/v1/entities?limit=500',
      '/v1/entities/component/default/svc-1/history',
    ]) {
      expect(
        (await request(server).get(`/api/mlops-maturity${path}`)).status,
      ).toBe(200);
    }
  });

  it('never make a query parameter answer 500', async () => {
    const { server, runAssessment } = await startMaturityBackend({
      entities: [mlService('churn', { level: 2 })],
    });
    await runAssessment();
    const params = fc.sample(
      fc.dictionary(
        fc.constantFrom(
          'level',
          'minLevel',
          'maxLevel',
          'belowTarget',
          'owner',
          'system',
          'lifecycle',
          'limit',
          'cursor',
          'groupBy',
          'from',
          'to',
          'x',
        ),
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.integer().map(String),
        ),
        { maxKeys: 4 },
      ),
      { numRuns: 300, seed: 7 },
    );
    for (const query of params) {
      for (const path of [
        '/v1/entities',
        '/v1/scorecard',
        '/v1/entities/component/default/churn/history',
      ]) {
        const res = await request(server)
          .get(`/api/mlops-maturity${path}`)
          .query(query);
        expect([200, 400]).toContain(res.status);
      }
    }
  });
});

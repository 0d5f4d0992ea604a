import { Entity } from '@backstage/catalog-model';
import { MlopsMaturityProcessor } from './MlopsMaturityProcessor';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

function entity(labels?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'churn-model', labels },
    spec: { type: 'service', lifecycle: 'production', owner: 'ml-platform' },
  };
}

describe('MlopsMaturityProcessor', () => {
  const levels = new Map([
    [
      'component:default/fraud-scorer',
      { level: 3 as const, meetsTarget: false },
    ],
  ]);
  const processor = new MlopsMaturityProcessor({ levels });

  it('stamps the level and meets-target labels of assessed entities', async () => {
    const result = await processor.preProcessEntity(
      {
        ...entity({ team: 'fraud', 'mlops-maturity.io/level': '4' }),
        metadata: {
          name: 'Fraud-Scorer',
          labels: { team: 'fraud', 'mlops-maturity.io/level': '4' },
        },
      },
      location,
      jest.fn(),
    );
    expect(result.metadata.labels).toEqual({
      team: 'fraud',
      'mlops-maturity.io/level': '3',
      'mlops-maturity.io/meets-target': 'false',
    });
  });

  it('drops maturity labels written by hand and keeps the others', async () => {
    const result = await processor.preProcessEntity(
      entity({
        'mlops-maturity.io/level': '4',
        'mlops-maturity.io/meets-target': 'true',
        team: 'fraud',
      }),
      location,
      jest.fn(),
    );

    expect(result.metadata.labels).toEqual({ team: 'fraud' });
  });

  it('returns entities without maturity labels unchanged', async () => {
    const input = entity({ team: 'fraud' });
    expect(await processor.preProcessEntity(input, location, jest.fn())).toBe(
      input,
    );
  });
});

import type { EvidenceCollector } from '@mlops-maturity/plugin-mlops-maturity-node';
import { CollectorRegistry } from './CollectorRegistry';

const collector = (id: string): EvidenceCollector => ({
  id,
  collect: async () => new Map(),
});

describe('CollectorRegistry', () => {
  it('lists collectors in the order they were added', () => {
    const registry = new CollectorRegistry();
    registry.addCollector(collector('mlflow'), collector('airflow'));
    expect(registry.list().map(c => c.id)).toEqual(['mlflow', 'airflow']);
  });

  it('refuses a second collector with the same id', () => {
    const registry = new CollectorRegistry();
    registry.addCollector(collector('mlflow'));
    expect(() => registry.addCollector(collector('mlflow'))).toThrow(
      "An evidence collector with id 'mlflow' is already registered",
    );
  });
});

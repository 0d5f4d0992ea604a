import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { parseAllDocuments, parse } from 'yaml';
import { startMaturityBackend } from './__testUtils__/startMaturityBackend';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../../..');
const examples = path.join(root, 'examples');

/** Every entity of the demo catalog, with the `# expect:` line above each ML service. */
function loadDemo() {
  const entities: Entity[] = [];
  const expected = new Map<string, { level: number; target: number }>();
  for (const file of fs
    .readdirSync(examples)
    .filter(f => f.endsWith('.yaml'))) {
    const text = fs.readFileSync(path.join(examples, file), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      const entity = doc.toJS() as Entity;
      if (!entity || entity.kind === 'Location') continue;
      entity.metadata.namespace ??= 'default';
      entities.push(entity);
      const comment = `${doc.commentBefore ?? ''}\n${
        (doc.contents as any)?.commentBefore ?? ''
      }`;
      const m = /expect: level=(\d) target=(\d)/.exec(comment);
      if (m) {
        expected.set(entity.metadata.name, {
          level: Number(m[1]),
          target: Number(m[2]),
        });
      }
    }
  }
  return { entities, expected };
}

/** The demo app's own mlopsMaturity config. */
function demoConfig() {
  const appConfig = parse(
    fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
  );
  const { schedule: _schedule, ...rest } = appConfig.mlopsMaturity;
  return rest;
}

describe('the demo catalog', () => {
  it('gets the level and target each ML service states, and non-ML components none', async () => {
    const { entities, expected } = loadDemo();
    const mlServices = entities.filter(e =>
      e.metadata.tags?.includes('ml-service'),
    );
    expect(mlServices.length).toBeGreaterThanOrEqual(24);
    expect(expected.size).toBe(mlServices.length);

    const { server, runAssessment } = await startMaturityBackend({
      entities,
      config: demoConfig(),
    });
    const run = await runAssessment();
    expect(run).toMatchObject({
      status: 'completed',
      selected: mlServices.length,
      assessed: mlServices.length,
      failed: 0,
    });

    const actual = new Map<string, { level: number; target: number }>();
    for (const name of expected.keys()) {
      const res = await request(server).get(
        `/api/mlops-maturity/v1/entities/component/default/${name}`,
      );
      expect(res.status).toBe(200);
      actual.set(name, { level: res.body.level, target: res.body.targetLevel });
    }
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));

    for (const e of entities.filter(
      x => x.kind === 'Component' && !x.metadata.tags?.includes('ml-service'),
    )) {
      const res = await request(server).get(
        `/api/mlops-maturity/v1/entities/component/default/${e.metadata.name}`,
      );
      expect(res.status).toBe(404);
    }
  });

  it('reports malformed annotations as invalid or as problems, and assesses the rest', async () => {
    const { entities } = loadDemo();
    const { server, runAssessment } = await startMaturityBackend({
      entities,
      config: demoConfig(),
    });
    await runAssessment();
    const get = async (name: string) =>
      (
        await request(server).get(
          `/api/mlops-maturity/v1/entities/component/default/${name}`,
        )
      ).body;

    const emptyValue = await get('fraud-case-prioritizer');
    expect(
      emptyValue.checks.find((c: any) => c.id === 'experiment-tracking'),
    ).toMatchObject({
      status: 'invalid',
      message: 'mlflow.org/registered-model is empty',
    });
    expect(
      emptyValue.checks.find((c: any) => c.id === 'training-pipeline').status,
    ).toBe('declared');

    const unknownInstance = await get('fraud-graph-embeddings');
    expect(
      unknownInstance.checks.find((c: any) => c.id === 'drift-monitoring'),
    ).toMatchObject({
      status: 'invalid',
      message: expect.stringContaining(
        'evidently instance "staging", which is not configured',
      ),
    });

    const badTarget = await get('fraud-synthetic-id');
    expect(badTarget.problems).toEqual([
      expect.objectContaining({ annotation: 'mlops-maturity.io/target-level' }),
    ]);

    expect((await get('fraud-velocity-model')).skippedFoundations).toBe(true);
    expect((await get('pricing-markdown-optimizer')).skippedFoundations).toBe(
      false,
    );
  });
});

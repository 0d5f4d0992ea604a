import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import {
  assessRollouts,
  collectorsFor,
  KEYS,
} from './__testUtils__/kubeTestSetup';

// The demo's replayed Kubernetes API server (integration/kubernetes/kube-replay.mjs, started by
// start_kube_replay in scripts/tools/kubernetes.sh) with its objects: every demo service that
// names an InferenceService or a Rollout gets the result the demo shows.

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../../../../..');
const TOKEN = 'demo-replay-test-token';

function demoServices(): Entity[] {
  const text = fs.readFileSync(
    path.join(ROOT, 'examples/ml-services.yaml'),
    'utf8',
  );
  return parseAllDocuments(text)
    .map(d => d.toJS() as Entity)
    .filter(e =>
      Object.values(KEYS).some(
        k => e?.metadata?.annotations?.[k] !== undefined,
      ),
    );
}

async function startScript(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'integration/kubernetes/kube-replay.mjs'),
      '--port',
      '0',
      '--token',
      TOKEN,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]);
    });
    child.on('exit', code =>
      reject(new Error(`kube-replay.mjs exited (${code})`)),
    );
  });
  return { child, url };
}

describe('the demo replay of a Kubernetes API server (kube-replay.mjs)', () => {
  let script: Awaited<ReturnType<typeof startScript>>;
  beforeAll(async () => {
    script = await startScript();
  });
  afterAll(() => {
    script.child.kill('SIGTERM');
  });

  it('proves or disproves ab-testing for each demo service that names a rollout', async () => {
    const services = demoServices();
    const { check } = await assessRollouts(
      collectorsFor(
        [{ name: 'demo', url: script.url, serviceAccountToken: TOKEN }],
        { pageSize: 4 },
      ),
      services,
    );
    const results = Object.fromEntries(
      await Promise.all(
        services.map(async s => {
          const c = await check(s.metadata.name);
          return [s.metadata.name, `${c.status}: ${c.message}`];
        }),
      ),
    );
    expect(results).toEqual({
      'fraud-transaction-scorer':
        'pass: InferenceService models/fraud-transaction-scorer in Kubernetes cluster "demo" splits traffic: 10% to fraud-transaction-scorer-predictor-00004, 90% to fraud-transaction-scorer-predictor-00003',
      'fraud-account-takeover':
        'pass: Rollout fraud/account-takeover in Kubernetes cluster "demo" rolls new versions out in canary steps of 10%, 50%, routed by istio',
      'fraud-chargeback-predictor':
        'pass: InferenceService models/fraud-chargeback-predictor in Kubernetes cluster "demo" splits traffic: 20% to fraud-chargeback-predictor-predictor-00007, 80% to fraud-chargeback-predictor-predictor-00006',
      'fraud-device-fingerprint':
        'pass: InferenceService models/fraud-device-fingerprint in Kubernetes cluster "demo" splits traffic: 90% to stable predictor, 10% to canary v6',
      'fraud-aml-screening':
        'pass: InferenceService models/fraud-aml-screening in Kubernetes cluster "demo" splits traffic: 25% to fraud-aml-screening-predictor-00003, 75% to fraud-aml-screening-predictor-00002',
      'fraud-graph-embeddings':
        'fail: InferenceService models/fraud-graph-embeddings in Kubernetes cluster "demo" does not split traffic: all traffic goes to fraud-graph-embeddings-predictor-00005; set spec.predictor.canaryTrafficPercent (Serverless mode) or spec.canary (Standard mode) to roll new models out to a share of traffic',
      'recs-homepage-ranker':
        'pass: InferenceService models/recs-homepage-ranker in Kubernetes cluster "demo" splits traffic: 5% to recs-homepage-ranker-predictor-00012, 95% to recs-homepage-ranker-predictor-00011',
      'recs-bandit-explorer':
        'fail: InferenceService models/recs-bandit-explorer in Kubernetes cluster "demo" does not split traffic: canaryTrafficPercent is 20, but all traffic goes to recs-bandit-explorer-predictor-00002: the canary revision is not rolled out or not ready yet',
      'pricing-dynamic-fares':
        'pass: InferenceService models/pricing-dynamic-fares in Kubernetes cluster "demo" splits traffic: 10% to pricing-dynamic-fares-predictor-00009, 90% to pricing-dynamic-fares-predictor-00008',
      'recs-search-reranker':
        'pass: Rollout recs/search-reranker in Kubernetes cluster "demo" rolls new versions out in canary steps of 10%, 50%, routed by istio',
      'pricing-surge-forecaster':
        'pass: Experiment pricing/surge-forecaster in Kubernetes cluster "demo" splits traffic: 80% to surge-forecaster-v7, 20% to surge-forecaster-v8',
    });
  });

  it('answers 401 to another token and 404 to a type it does not serve', async () => {
    const other = await fetch(
      `${script.url}/apis/argoproj.io/v1alpha1/rollouts`,
      {
        headers: { Authorization: 'Bearer someone-else' },
      },
    );
    expect(other.status).toBe(401);
    const unknown = await fetch(`${script.url}/apis/apps/v1/deployments`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ kind: 'Status', code: 404 });
  });
});

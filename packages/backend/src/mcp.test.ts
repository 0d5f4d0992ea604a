import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CONFIDENTIAL_TAG } from './__testUtils__/confidentialEntitiesPolicy';
import {
  DemoBackend,
  startDemoBackend,
  waitFor,
} from './__testUtils__/startDemoBackend';

jest.setTimeout(180_000);

/** Annotations that declare the checks of each level, without a tool instance to call. */
const LEVEL_ANNOTATIONS: Record<string, string>[] = [
  {
    'mlops-maturity.io/training-entrypoint': 'src/train.py',
    'mlops-maturity.io/deployment-entrypoint': '.github/workflows/deploy.yml',
    'mlops-maturity.io/serving-logs': 'https://logs.example.com/app',
  },
  {
    'mlflow.org/registered-model': 'model',
    'airflow.apache.org/dag-id': 'train',
    'mlops-maturity.io/quality-gate': '.github/workflows/model-quality.yml',
  },
  {
    'nannyml.com/model-id': '42',
    'mlops-maturity.io/quality-dashboard': 'https://grafana.example.com/d/1',
    'kserve.io/inference-service': 'models/model',
  },
  {
    'mlops-maturity.io/retrain-cadence': 'on-drift',
    'mlops-maturity.io/promotion': 'automatic',
    'feast.dev/feature-service': 'features',
  },
];

function mlService(
  name: string,
  owner: string,
  level: number,
  targetLevel: number,
  tags: string[] = [],
) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      tags: ['ml-service', ...tags],
      annotations: Object.assign(
        { 'mlops-maturity.io/target-level': String(targetLevel) },
        ...LEVEL_ANNOTATIONS.slice(0, level),
      ),
    },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

// The demo's guest (app-config.yaml) belongs to fraud-ml: it owns the fraud services, and the
// confidential fraud service is readable to it; the risk team's confidential one is not.
const ENTITIES = [
  mlService('fraud-scorer', 'fraud-ml', 2, 3),
  mlService('fraud-graph', 'fraud-ml', 1, 3, [CONFIDENTIAL_TAG]),
  mlService('growth-ranker', 'growth-ml', 3, 3),
  mlService('risk-limit-model', 'risk-ml', 4, 4, [CONFIDENTIAL_TAG]),
];
const ref = (name: string) => `component:default/${name}`;

let backend: DemoBackend;
/**
 * The caller, a user: the demo guest, with a token signed by the demo's own auth backend (guest
 * provider), not mock credentials, so that the permission backend learns the guest's ownership
 * (group fraud-ml) through the real user-info service, as for a person signed in to the demo.
 */
let guestToken: string;

/** An MCP client of the backend's MCP endpoint, sending `token` as its Bearer token. */
async function connect(token?: string) {
  const client = new Client({ name: 'mcp-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`${backend.baseUrl}/api/mcp-actions/v1`),
      token
        ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } }
        : undefined,
    ),
  );
  return client;
}

/** Calls one of the plugin's tools, by its action name, as `token`. */
async function callTool(
  name: string,
  args: Record<string, unknown>,
  token = guestToken,
): Promise<CallToolResult> {
  const client = await connect(token);
  try {
    return (await client.callTool({
      name: `mlops-maturity.${name}`,
      arguments: args,
    })) as CallToolResult;
  } finally {
    await client.close();
  }
}

const textOf = (result: CallToolResult) =>
  result.content.map(c => (c.type === 'text' ? c.text : '')).join('\n');

/** Waits until the catalog has the entities, then runs an assessment and waits for its end. */
async function assessAll() {
  const { staticToken } = backend;
  await waitFor('the catalog to have the ML services', async () => {
    const res = await backend.fetch(
      '/api/catalog/entities/by-query?filter=metadata.tags=ml-service',
      staticToken,
    );
    const body = await res.json();
    return body.totalItems === ENTITIES.length ? true : undefined;
  });
  const trigger = await backend.fetch(
    '/api/mlops-maturity/.backstage/scheduler/v1/tasks/mlops-maturity-assess/trigger',
    staticToken,
    { method: 'POST' },
  );
  if (trigger.status !== 200) {
    throw new Error(`Triggering the assessment answered ${trigger.status}`);
  }
  const run = await waitFor('the triggered assessment run to end', async () => {
    const res = await backend.fetch('/api/mlops-maturity/v1/runs', staticToken);
    const [latest] = (await res.json()).items;
    return latest && latest.status !== 'running' ? latest : undefined;
  });
  if (run.status !== 'completed' || run.assessed !== ENTITIES.length) {
    throw new Error(
      `The assessment run did not assess every service: ${JSON.stringify(run)}`,
    );
  }
}

beforeAll(async () => {
  backend = await startDemoBackend({
    catalogYaml: ENTITIES.map(e => JSON.stringify(e)).join('\n---\n'),
  });
  const res = await fetch(`${backend.baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`The guest sign-in answered ${res.status}`);
  guestToken = (await res.json()).backstageIdentity.token;
  await assessAll();
});

afterAll(async () => {
  await backend?.stop();
});

describe('the demo backend as an MCP server', () => {
  it('lists the five actions as tools', async () => {
    const client = await connect(guestToken);
    const { tools } = await client.listTools();
    await client.close();
    const byName = new Map(tools.map(t => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual([
      'mlops-maturity.explain-next-level',
      'mlops-maturity.get-assessment',
      'mlops-maturity.list-ml-services',
      'mlops-maturity.refresh-assessment',
      'mlops-maturity.what-to-fix-first',
    ]);
    expect(byName.get('mlops-maturity.get-assessment')).toMatchObject({
      inputSchema: { required: ['entityRef'] },
      annotations: { readOnlyHint: true, destructiveHint: false },
    });
    expect(
      byName.get('mlops-maturity.refresh-assessment')?.annotations,
    ).toMatchObject({ readOnlyHint: false });
  });

  it('refuses a client without a token', async () => {
    await expect(connect()).rejects.toThrow(/401|Unauthorized/);
  });

  it('gets an assessment', async () => {
    const result = await callTool('get-assessment', {
      entityRef: 'fraud-scorer',
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent?.assessment).toMatchObject({
      entityRef: ref('fraud-scorer'),
      level: 2,
      verifiedLevel: 0,
      targetLevel: 3,
      meetsTarget: false,
      owner: 'group:default/fraud-ml',
      nextLevel: { level: 3 },
    });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it('lists the ML services the caller may read, filtered', async () => {
    const all = await callTool('list-ml-services', {});
    expect(all.isError).toBeFalsy();
    expect(all.structuredContent).toMatchObject({ total: 3 });
    expect(
      (all.structuredContent?.items as any[]).map(i => [i.entityRef, i.level]),
    ).toEqual([
      [ref('fraud-graph'), 1],
      [ref('fraud-scorer'), 2],
      [ref('growth-ranker'), 3],
    ]);
    const below = await callTool('list-ml-services', {
      belowTarget: true,
      owner: 'fraud-ml',
      limit: 1,
    });
    expect(below.structuredContent).toMatchObject({
      total: 2,
      items: [{ entityRef: ref('fraud-graph'), meetsTarget: false }],
      nextCursor: expect.any(String),
    });
  });

  it('explains what blocks the next level', async () => {
    const result = await callTool('explain-next-level', {
      entityRef: ref('fraud-scorer'),
    });
    expect(result.isError).toBeFalsy();
    const { explanation, nextLevel } = result.structuredContent as any;
    expect(explanation).toContain(
      'component:default/fraud-scorer is at L2 Automated (L0 Manual on live evidence alone).',
    );
    expect(explanation).toContain('To reach L3 Monitored, 3 checks block');
    expect(nextLevel.blockers.map((b: any) => b.checkId).sort()).toEqual([
      'ab-testing',
      'drift-monitoring',
      'quality-dashboard',
    ]);
    for (const blocker of nextLevel.blockers) {
      expect(explanation).toContain(`To do: ${blocker.guidance}`);
    }
  });

  it("re-assesses an owner's service", async () => {
    const before = await callTool('get-assessment', {
      entityRef: 'fraud-scorer',
    });
    const result = await callTool('refresh-assessment', {
      entityRef: 'fraud-scorer',
    });
    expect(result.isError).toBeFalsy();
    const { assessment } = result.structuredContent as any;
    expect(assessment).toMatchObject({
      entityRef: ref('fraud-scorer'),
      level: 2,
    });
    expect(Date.parse(assessment.assessedAt)).toBeGreaterThan(
      Date.parse((before.structuredContent as any).assessment.assessedAt),
    );
  });

  it('refuses to re-assess for a caller without the refresh permission', async () => {
    const before = await callTool('get-assessment', {
      entityRef: 'growth-ranker',
    });
    expect(before.isError).toBeFalsy();
    const result = await callTool('refresh-assessment', {
      entityRef: 'growth-ranker',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'NotAllowedError: You may not refresh the assessment of component:default/growth-ranker',
    );
    const after = await callTool('get-assessment', {
      entityRef: 'growth-ranker',
    });
    expect(after.structuredContent).toEqual(before.structuredContent);
  });

  it('does not show an entity the catalog hides from the caller', async () => {
    for (const name of [
      'get-assessment',
      'explain-next-level',
      'refresh-assessment',
    ]) {
      const result = await callTool(name, { entityRef: 'risk-limit-model' });
      expect({ name, isError: result.isError }).toEqual({
        name,
        isError: true,
      });
      expect(textOf(result)).toBe(
        'NotFoundError: No entity component:default/risk-limit-model',
      );
    }
    const byLevel = await callTool('list-ml-services', { level: 4 });
    expect(byLevel.structuredContent).toMatchObject({ total: 0, items: [] });
    // It exists and is assessed: a static token is a service principal, which Backstage's
    // permission framework does not restrict, so it reads what the catalog hides from users.
    const asService = await callTool(
      'get-assessment',
      { entityRef: 'risk-limit-model' },
      backend.staticToken,
    );
    expect(asService.structuredContent?.assessment).toMatchObject({
      entityRef: ref('risk-limit-model'),
      level: 4,
      owner: 'group:default/risk-ml',
    });
  });
});

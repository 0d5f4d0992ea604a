import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { mlService } from '../__testUtils__/assessments';
import { createTestEngine } from '../__testUtils__/createTestEngine';
import { startMaturityBackend } from '../__testUtils__/startMaturityBackend';
import { GithubCollector } from '../collectors/github/GithubCollector';
import { MlflowCollector } from '../collectors/mlflow/MlflowCollector';

const TOKEN = 'tok-7f3a9c-never-show-me';
const PASSWORD = 'pw-51b2e0-never-show-me';
const BASIC = Buffer.from(`svc:${PASSWORD}`).toString('base64');
const GITHUB_TOKEN = 'ghp_c0ffee-never-show-me';
const SECRETS = [TOKEN, PASSWORD, BASIC, GITHUB_TOKEN];

/** The GitHub integration, with its token, pointing the CI collector at the tool. */
const integrations = (apiBaseUrl: string) => ({
  github: [{ host: 'github.com', apiBaseUrl, token: GITHUB_TOKEN }],
});

/** A tool that reflects the credentials it receives into every answer, the worst case. */
async function reflectingTool() {
  let n = 0;
  const server = http.createServer((req, res) => {
    n++;
    const echo = JSON.stringify({
      seen: req.headers.authorization,
      path: req.url,
    });
    res.statusCode = [400, 401, 404, 500][n % 4];
    res.end(echo);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

const entities = () => [
  mlService('a', {
    level: 2,
    annotations: { 'mlflow.org/registered-model': 'prod:a' },
  }),
  mlService('b', {
    level: 2,
    annotations: { 'mlflow.org/experiment': 'basic:12' },
  }),
  mlService('c', {
    level: 2,
    annotations: {
      'github.com/project-slug': 'acme/churn',
      'mlops-maturity.io/quality-gate': '.github/workflows/model-quality.yml',
    },
  }),
];

/** Two MLflow instances at the tool's URL: one with a token, one with a password. */
function mlflowTools(baseUrl: string) {
  return {
    mlflow: [
      { name: 'prod', baseUrl, token: TOKEN },
      { name: 'basic', baseUrl, username: 'svc', password: PASSWORD },
    ],
  };
}

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('secrets from config', () => {
  it('never reach evidence, run records or log lines', async () => {
    const tool = await reflectingTool();
    const tools = mlflowTools(tool.url);
    const collectorLogger = mockServices.logger.mock();
    const collector = MlflowCollector.fromConfig(
      new ConfigReader({ mlopsMaturity: { tools } }),
      collectorLogger,
    )!;
    const github = GithubCollector.fromConfig(
      new ConfigReader({ integrations: integrations(tool.url) }),
      collectorLogger,
    )!;
    const { engineFor, store, logger } = await createTestEngine({
      collectors: [collector, github],
      config: { tools },
      clock: () => new Date(),
    });
    const run = await engineFor(entities()).assessAll({ trigger: 'manual' });
    expect(run.assessed).toBe(3);
    const logged = JSON.stringify([
      ...Object.values(logger).map((fn: any) => fn.mock?.calls ?? []),
      ...Object.values(collectorLogger).map((fn: any) => fn.mock?.calls ?? []),
    ]);
    const stored = JSON.stringify([
      await store.getAssessment('component:default/a'),
      await store.getAssessment('component:default/b'),
      await store.getAssessment('component:default/c'),
      await store.listRuns(5),
    ]);
    expect(stored).toContain('MLflow instance'); // the errors are there, their secrets are not
    expect(stored).toContain('GitHub github.com');
    expectNoSecret(logged);
    expectNoSecret(stored);
    await tool.close();
  });

  it('never reach API responses', async () => {
    const tool = await reflectingTool();
    const { server, runAssessment } = await startMaturityBackend({
      entities: entities(),
      rootConfig: { integrations: integrations(tool.url) },
      config: { tools: mlflowTools(tool.url) },
    });
    await runAssessment();
    const bodies = await Promise.all(
      [
        '/v1/entities/component/default/a',
        '/v1/entities/component/default/b',
        '/v1/entities/component/default/c',
        '/v1/entities',
        '/v1/scorecard',
        '/v1/runs',
        '/v1/rubric',
        '/v1/entities/component/default/a/history',
      ].map(
        async path =>
          (
            await request(server).get(`/api/mlops-maturity${path}`)
          ).text,
      ),
    );
    const refreshed = await request(server).post(
      '/api/mlops-maturity/v1/entities/component/default/a/refresh',
    );
    expect(refreshed.status).toBe(200);
    // The GitHub collector module registered the CI collector from integrations.github, and
    // it spoke for c: never verified, so the claim stands with GitHub's answer noted.
    expect(bodies[2]).toContain('GitHub github.com answered HTTP');
    expectNoSecret([...bodies, refreshed.text].join('\n'));
    await tool.close();
  });
});

import { MaturityClient } from './client';
import { resolveConnection } from './connection';
import { CliError } from './errors';
import { runCliForTest } from './__testUtils__/runCliForTest';
import {
  startGateBackend,
  STATIC_TOKEN,
} from './__testUtils__/startGateBackend';
import {
  closedPortUrl,
  startHtmlServer,
  startSilentServer,
  startStallingServer,
} from './__testUtils__/unresponsiveServers';

jest.setTimeout(60_000);

let backend: Awaited<ReturnType<typeof startGateBackend>>;

beforeAll(async () => {
  backend = await startGateBackend();
});

/** The gate on churn-predictor with `env` beside the backend's URL. */
const gate = (env: Record<string, string>, ...args: string[]) =>
  runCliForTest(['gate', '-e', 'churn-predictor', ...args], {
    MLOPS_MATURITY_URL: backend.backendUrl,
    ...env,
  });

describe('credentials', () => {
  it('accepts a static external-access token and a user token', async () => {
    expect((await gate({ MLOPS_MATURITY_TOKEN: STATIC_TOKEN })).code).toBe(1);
    const asUser = await gate({ MLOPS_MATURITY_TOKEN: backend.userToken() });
    expect(asUser.stderr).toBe('');
    expect(asUser.code).toBe(1);
  });

  it('exits 2 when the backend refuses an expired user token, and says it expired', async () => {
    const token = backend.expiredUserToken();
    const { code, stdout, stderr } = await gate({
      MLOPS_MATURITY_TOKEN: token,
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const exp = JSON.parse(
      Buffer.from(token.split('.')[1], 'base64url').toString(),
    ).exp;
    expect(stderr).toBe(
      `mlops-maturity: The backend refused the token from MLOPS_MATURITY_TOKEN (401 Unauthorized): it is expired or invalid; the token says it expired at ${new Date(
        exp * 1000,
      ).toISOString()} (the backend said: AuthenticationError: Failed user token verification)\n`,
    );
  });

  it('exits 2 when the backend refuses a static token it does not know', async () => {
    const { code, stderr } = await gate(
      { BACKSTAGE_TOKEN: 'not-a-configured-token' },
      '--format',
      'json',
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      'mlops-maturity: The backend refused the token from BACKSTAGE_TOKEN (401 Unauthorized): it is expired or invalid (the backend said: AuthenticationError: Illegal token)\n',
    );
  });

  it('exits 2 without a token, saying where to put one', async () => {
    const { code, stderr } = await gate({});
    expect(code).toBe(2);
    expect(stderr).toBe(
      'mlops-maturity: The backend wants credentials (401 Unauthorized); no token was sent: set MLOPS_MATURITY_TOKEN (or BACKSTAGE_TOKEN) to a static external-access token or a Backstage user token\n',
    );
  });
});

describe('a backend that does not answer', () => {
  it('exits 2 when nothing listens on the port', async () => {
    const url = await closedPortUrl();
    const { code, stderr } = await runCliForTest(
      ['gate', '-e', 'churn-predictor', '--url', url],
      { MLOPS_MATURITY_TOKEN: STATIC_TOKEN },
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      `mlops-maturity: Could not reach the backend at ${url}/api/mlops-maturity: the connection was refused (nothing listens there). Check --url or MLOPS_MATURITY_URL.\n`,
    );
  });

  it('exits 2 after --timeout when the server accepts but never answers', async () => {
    const server = await startSilentServer();
    try {
      const started = Date.now();
      const { code, stderr } = await runCliForTest(
        ['status', '-e', 'churn-predictor', '--timeout', '0.5'],
        { MLOPS_MATURITY_URL: server.url, MLOPS_MATURITY_TOKEN: STATIC_TOKEN },
      );
      expect(code).toBe(2);
      expect(stderr).toBe(
        `mlops-maturity: The backend at ${server.url}/api/mlops-maturity did not answer GET /v1/entities/component/default/churn-predictor within 0.5 s (--timeout)\n`,
      );
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await server.close();
    }
  });

  it('exits 2 after --timeout when the answer stalls in its body', async () => {
    const server = await startStallingServer();
    try {
      const { code, stderr } = await runCliForTest(
        ['list', '--timeout', '0.3'],
        { MLOPS_MATURITY_URL: server.url, MLOPS_MATURITY_TOKEN: STATIC_TOKEN },
      );
      expect(code).toBe(2);
      expect(stderr).toMatch(/did not answer GET \/v1\/entities within 0.3 s/);
    } finally {
      await server.close();
    }
  });
});

describe('a URL that is not the API', () => {
  it('says so when the backend has no such plugin', async () => {
    const url = `${backend.backendUrl}/somewhere-else`;
    await expect(
      new MaturityClient(
        resolveConnection({ url }, { MLOPS_MATURITY_TOKEN: STATIC_TOKEN }),
      ).getAssessment('churn-predictor'),
    ).rejects.toEqual(
      new CliError(
        `${url}/api/mlops-maturity has no MLOps maturity API (GET /v1/entities/component/default/churn-predictor: 404 Not Found): is --url the Backstage backend's base URL, and is the plugin installed there?`,
      ),
    );
  });

  it("says so when it answers a web page, as the app's URL would", async () => {
    const server = await startHtmlServer();
    try {
      const { code, stderr } = await runCliForTest(
        ['list', '--url', server.url],
        { MLOPS_MATURITY_TOKEN: STATIC_TOKEN },
      );
      expect(code).toBe(2);
      expect(stderr).toBe(
        `mlops-maturity: ${server.url}/api/mlops-maturity answered GET /v1/entities with text/html, not JSON: is --url the Backstage backend's base URL (e.g. http://localhost:7007), not the app's?\n`,
      );
    } finally {
      await server.close();
    }
  });
});

describe('MaturityClient', () => {
  it('reads every page of a list', async () => {
    const client = new MaturityClient(
      resolveConnection(
        { url: backend.backendUrl },
        { MLOPS_MATURITY_TOKEN: STATIC_TOKEN },
      ),
    );
    const all = await client.listAllAssessments();
    expect(all.total).toBe(4);
    expect(all.items.map(i => i.entityRef).sort()).toEqual([
      'component:default/churn-predictor',
      'component:default/forecast',
      'component:default/fraud-scorer',
      'component:default/recommender',
    ]);
    const first = await client.listAssessments({}, { limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await client.listAssessments(
      {},
      { limit: 3, cursor: first.nextCursor },
    );
    expect([...first.items, ...second.items]).toEqual(all.items);
    expect(second.nextCursor).toBeUndefined();
  });
});

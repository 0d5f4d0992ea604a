import { MlopsMaturityClient } from './MlopsMaturityClient';

function clientWith(answer: (url: string, init?: RequestInit) => Response) {
  const calls: Array<{ url: string; method?: string }> = [];
  const client = new MlopsMaturityClient({
    discoveryApi: {
      getBaseUrl: async (id: string) => `http://backstage.test/api/${id}`,
    },
    fetchApi: {
      fetch: async (input: any, init?: RequestInit) => {
        calls.push({ url: String(input), method: init?.method });
        return answer(String(input), init);
      },
    },
  });
  return { client, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('MlopsMaturityClient', () => {
  it('builds the routes of the backend API with encoded refs and only the given filters', async () => {
    const { client, calls } = clientWith(() => json({}));
    await client.getAssessment('component:default/churn model');
    await client.getHistory('Component:team-a/churn', {
      from: new Date('2026-01-01T00:00:00Z'),
    });
    await client.refresh('component:default/churn');
    await client.listAssessments(
      { level: 2, owner: 'team-a', belowTarget: true, system: undefined },
      { limit: 500, cursor: 'abc' },
    );
    await client.getScorecard('domain', { lifecycle: 'production' });
    await client.getTrend({ owner: 'team-a' }, { points: 5 });
    await client.getRubric();
    expect(calls).toEqual([
      {
        url: 'http://backstage.test/api/mlops-maturity/v1/entities/component/default/churn%20model',
        method: 'GET',
      },
      {
        url: 'http://backstage.test/api/mlops-maturity/v1/entities/Component/team-a/churn/history?from=2026-01-01T00%3A00%3A00.000Z',
        method: 'GET',
      },
      {
        url: 'http://backstage.test/api/mlops-maturity/v1/entities/component/default/churn/refresh',
        method: 'POST',
      },
      {
        url: 'http://backstage.test/api/mlops-maturity/v1/entities?level=2&owner=team-a&belowTarget=true&limit=500&cursor=abc',
        method: 'GET',
      },
      {
        url: 'http://backstage.test/api/mlops-maturity/v1/scorecard?lifecycle=production&groupBy=domain',
        method: 'GET',
      },
      {
        url: 'http://backstage.test/api/mlops-maturity/v1/scorecard/trend?owner=team-a&points=5',
        method: 'GET',
      },
      {
        url: 'http://backstage.test/api/mlops-maturity/v1/rubric',
        method: 'GET',
      },
    ]);
  });

  it('asks what to fix first, the facets and the filtered lists of the scorecard', async () => {
    const { client, calls } = clientWith(() => json({}));
    await client.getLeverage({ owner: 'team-a', lifecycle: 'production' });
    await client.getLeverage({}, { limit: 5 });
    await client.getFacets();
    await client.listAssessments({
      lastBlocker: 'training-pipeline',
      oneCheckFromTarget: true,
    });
    expect(calls.map(c => c.url)).toEqual([
      'http://backstage.test/api/mlops-maturity/v1/scorecard/leverage?owner=team-a&lifecycle=production',
      'http://backstage.test/api/mlops-maturity/v1/scorecard/leverage?limit=5',
      'http://backstage.test/api/mlops-maturity/v1/facets',
      'http://backstage.test/api/mlops-maturity/v1/entities?lastBlocker=training-pipeline&oneCheckFromTarget=true',
    ]);
  });

  it('rejects with the backend error, its status and message', async () => {
    const { client } = clientWith(() =>
      json(
        {
          error: {
            name: 'NotFoundError',
            message: 'component:default/x has not been assessed',
          },
          request: { method: 'GET', url: '/v1/entities/component/default/x' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    await expect(
      client.getAssessment('component:default/x'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: { error: { name: 'NotFoundError' } },
    });
  });

  it('grants a waiver with a JSON body and revokes it by id', async () => {
    const bodies: Array<{ url: string; method?: string; body?: unknown }> = [];
    const { client } = clientWith((url, init) => {
      bodies.push({
        url,
        method: init?.method,
        body: init?.body && JSON.parse(String(init.body)),
      });
      expect(new Headers(init?.headers).get('Content-Type')).toBe(
        init?.body ? 'application/json' : null,
      );
      return json({ id: '7' }, init?.method === 'POST' ? 201 : 200);
    });
    await expect(
      client.createWaiver('component:default/churn', {
        checkId: 'canary-rollout',
        reason: 'Batch model, no traffic to split',
        expiresAt: '2027-03-01T00:00:00.000Z',
      }),
    ).resolves.toEqual({ id: '7' });
    await client.revokeWaiver('component:default/churn', '7');
    expect(bodies).toEqual([
      {
        url: 'http://backstage.test/api/mlops-maturity/v1/entities/component/default/churn/waivers',
        method: 'POST',
        body: {
          checkId: 'canary-rollout',
          reason: 'Batch model, no traffic to split',
          expiresAt: '2027-03-01T00:00:00.000Z',
        },
      },
      {
        url: 'http://backstage.test/api/mlops-maturity/v1/entities/component/default/churn/waivers/7',
        method: 'DELETE',
        body: undefined,
      },
    ]);
  });

  it('sends its requests with the global fetch when given no fetchApi', async () => {
    const fetchSpy = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(json({ version: 'v1', levels: [], checks: [] }));
    try {
      const client = new MlopsMaturityClient({
        discoveryApi: {
          getBaseUrl: async (id: string) => `http://backstage.test/api/${id}`,
        },
      });
      await expect(client.getRubric()).resolves.toEqual({
        version: 'v1',
        levels: [],
        checks: [],
      });
      expect(fetchSpy).toHaveBeenCalledWith(
        'http://backstage.test/api/mlops-maturity/v1/rubric',
        { method: 'GET' },
      );
    } finally {
      fetchSpy.mockRestore();
    }
  });
});

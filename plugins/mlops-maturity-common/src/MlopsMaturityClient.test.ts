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

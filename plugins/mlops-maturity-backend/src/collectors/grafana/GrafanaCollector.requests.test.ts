import { mlService } from '../../__testUtils__/assessments';
import {
  assessGrafana,
  collectorFor,
  replayPerTest,
  selecting,
} from './__testUtils__/grafanaTestSetup';

// How the Grafana collector asks Grafana: every dashboard listed once per run and instance
// (page by page) for expression selectors, one search per tag selector, one dashboard read per
// entity: at most two requests per entity.

jest.setTimeout(60_000);

describe('the Grafana collector, replaying Grafana answers', () => {
  const current = replayPerTest();

  it('lists the dashboards once per run, at most 2 requests per entity', async () => {
    const entities = [
      selecting('churn', "tags @> 'churn' && tags @> 'ml'"),
      selecting('churn-eu', "tags @> 'churn' || tags @> 'churn-slo'"),
      selecting('ops', "tags @> 'prod'"),
      selecting('fraud', "tags @> 'fraud'"),
      selecting('churn-tag', 'churn'),
      selecting('pricing', 'pricing'),
      mlService('no-tools', { level: 1 }),
    ];
    const { run } = await assessGrafana(current().url, entities);
    expect(run).toMatchObject({ status: 'completed', failed: 0 });
    const searches = current().requests.filter(r => r.path === '/api/search');
    // One listing for the four expressions, one search per tag.
    expect(searches.map(r => r.query.get('tag'))).toEqual(
      expect.arrayContaining([null, 'churn', 'pricing']),
    );
    expect(searches).toHaveLength(3);
    expect(
      current().requests.length / (entities.length - 1),
    ).toBeLessThanOrEqual(2);
  });

  it('reads the listing page by page until a short page', async () => {
    const { check } = await assessGrafana(
      current().url,
      [selecting('ops', "tags @> 'prod'")],
      { collector: collectorFor(current().url, { searchPageSize: 1 }) },
    );
    expect((await check('ops')).status).toBe('fail');
    expect(
      current()
        .requests.filter(r => r.path === '/api/search')
        .map(r => [r.query.get('limit'), r.query.get('page')]),
    ).toEqual([
      ['1', '1'],
      ['1', '2'],
      ['1', '3'],
    ]);
  });

  it('links to the UI address when it differs from the API address', async () => {
    const { check } = await assessGrafana(
      current().url,
      [selecting('churn', 'churn')],
      {
        collector: collectorFor(current().url, {
          uiUrl: 'https://grafana.example.com/',
        }),
      },
    );
    expect((await check('churn')).links[0].url).toBe(
      'https://grafana.example.com/d/5doIRYank/evidently-classification-performance-dashboard',
    );
  });
});

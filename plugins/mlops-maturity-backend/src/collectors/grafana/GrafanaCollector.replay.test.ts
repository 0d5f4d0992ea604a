import type { Entity } from '@backstage/catalog-model';
import {
  assessGrafana,
  collectorFor,
  EVIDENTLY_UID,
  rec,
  replayPerTest,
  selecting,
  TOKEN,
} from './__testUtils__/grafanaTestSetup';

// How the Grafana collector judges the dashboards a grafana/dashboard-selector finds: prediction
// quality beside business metrics on a dashboard. The collector asks a local server that answers
// with Grafana's documented examples and Evidently's Grafana dashboard; __fixtures__/README.md
// names each source and every change made for a scenario.

jest.setTimeout(60_000);

const TITLE = 'Evidently Classification Performance Dashboard';

describe('the Grafana collector, replaying Grafana answers', () => {
  const current = replayPerTest();
  const assess = (
    entities: Entity[],
    options?: Parameters<typeof assessGrafana>[2],
  ) => assessGrafana(current().url, entities, options);
  const dashboardUrl = () =>
    `${
      current().url
    }/d/${EVIDENTLY_UID}/evidently-classification-performance-dashboard`;

  it('passes a tagged dashboard with quality panels beside a business panel, linking to it', async () => {
    const { run, check } = await assess([selecting('churn', 'churn')]);
    expect(run).toMatchObject({ status: 'completed', failed: 0 });
    expect(await check('churn')).toMatchObject({
      status: 'pass',
      source: 'grafana',
      observedAt: '2026-11-02T08:30:00.000Z',
      message: `Dashboard "${TITLE}" shows prediction quality (Quality, $metric) beside business metrics (Retained revenue)`,
      links: [{ title: `Dashboard ${TITLE}`, url: dashboardUrl() }],
      evidence: {
        dashboard: EVIDENTLY_UID,
        matched: 1,
        qualityPanels: ['Quality', '$metric', 'Quality'],
        businessPanels: ['Retained revenue'],
      },
    });
    expect(
      current().requests.map(r => [r.path, Object.fromEntries(r.query)]),
    ).toEqual([
      [
        '/api/search',
        { type: 'dash-db', tag: 'churn', limit: '5000', page: '1' },
      ],
      [`/api/dashboards/uid/${EVIDENTLY_UID}`, {}],
    ]);
    for (const r of current().requests) {
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
  });

  it('evaluates an expression selector over every dashboard, as the Grafana plugin does', async () => {
    const { check } = await assess([
      selecting(
        'churn',
        "(tags @> 'churn' || tags @> 'churn-slo') && tags @> 'ml'",
      ),
    ]);
    expect((await check('churn')).status).toBe('pass');
    expect(current().requests.map(r => r.path)).toEqual([
      '/api/search',
      `/api/dashboards/uid/${EVIDENTLY_UID}`,
    ]);
    expect(current().requests[0].query.get('tag')).toBeNull();
  });

  it('fails a dashboard with quality panels but no business metric beside them', async () => {
    current().routes[`/api/dashboards/uid/${EVIDENTLY_UID}`] = rec.qualityOnly;
    const { check } = await assess([selecting('churn', 'churn')]);
    expect(await check('churn')).toMatchObject({
      status: 'fail',
      message: `Dashboard "${TITLE}" shows prediction quality (Quality, $metric) but no business metric beside it: no other panel names revenue, sales, order and 21 more`,
      links: [{ url: dashboardUrl() }],
    });
  });

  it('passes quality panels alone when the instance does not require a business panel', async () => {
    current().routes[`/api/dashboards/uid/${EVIDENTLY_UID}`] = rec.qualityOnly;
    const { check } = await assess([selecting('churn', 'churn')], {
      collector: collectorFor(current().url, { requireBusinessPanel: false }),
    });
    expect(await check('churn')).toMatchObject({
      status: 'pass',
      message: `Dashboard "${TITLE}" shows prediction quality (Quality, $metric)`,
    });
  });

  it('fails a dashboard without prediction-quality panels', async () => {
    const { check } = await assess([selecting('ops', 'prod')]);
    expect(await check('ops')).toMatchObject({
      status: 'fail',
      message:
        'Dashboard "Production Overview" has no prediction-quality panel: no panel\'s title or query names accuracy, precision, recall and 14 more',
      links: [
        {
          title: 'Dashboard Production Overview',
          url: `${current().url}/d/cIBgcSjkk/production-overview`,
        },
      ],
    });
  });

  it('fails when no dashboard matches, linking to the tag in Grafana', async () => {
    const { check } = await assess([selecting('fraud', 'fraud')]);
    expect(await check('fraud')).toMatchObject({
      status: 'fail',
      message:
        'No dashboard in Grafana main matches the tag fraud; tag the dashboard that shows prediction quality beside business metrics so that it does',
      links: [
        {
          title: 'Dashboards in Grafana main',
          url: `${current().url}/dashboards?tag=fraud`,
        },
      ],
    });
    expect(current().requests).toHaveLength(1);
  });

  it('fails when the dashboard found is deleted before it is read (404)', async () => {
    current().routes[`/api/dashboards/uid/${EVIDENTLY_UID}`] = rec.notFound;
    const { check } = await assess([selecting('churn', 'churn')]);
    expect(await check('churn')).toMatchObject({
      status: 'fail',
      message: `Dashboard "${TITLE}" (${EVIDENTLY_UID}), found by the tag churn, no longer exists in Grafana main`,
    });
  });

  it('says which of several matching dashboards it read', async () => {
    const { check } = await assess([
      selecting('churn', "tags @> 'churn' || tags @> 'prod'"),
    ]);
    expect((await check('churn')).message).toContain(
      "; read 1 of the 2 dashboards the selector tags @> 'churn' || tags @> 'prod' finds",
    );
  });

  it.each([
    [
      "tags @> 'churn', tags @> 'ml'",
      `grafana/dashboard-selector "tags @> 'churn', tags @> 'ml'" is not a selector the Grafana plugin can use: "," at 16 is not something the Grafana plugin evaluates (it knows @>, ==, !=, &&, ||, ! and parentheses)`,
    ],
    [
      "folderUid == '000000163'",
      `grafana/dashboard-selector "folderUid == '000000163'" is not a selector the Grafana plugin can use: identifier folderUid does not exist`,
    ],
  ])(
    'says invalid for a selector the plugin cannot use: %s',
    async (selector, message) => {
      const { check } = await assess([selecting('churn', selector)]);
      expect(await check('churn')).toMatchObject({
        status: 'invalid',
        message,
      });
    },
  );
});

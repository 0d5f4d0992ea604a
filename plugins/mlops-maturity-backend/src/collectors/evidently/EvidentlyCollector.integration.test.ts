import fs from 'node:fs';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { mlService } from '../../__testUtils__/assessments';
import { createTestEngine } from '../../__testUtils__/createTestEngine';
import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { FaultProxy } from '../../__testUtils__/FaultProxy';
import { EvidentlyCollector } from './EvidentlyCollector';

// Runs against the real `evidently ui` that scripts/tools/evidently.sh starts and seeds
// (integration/evidently/seed.py); skipped when none is running.
const evidentlyUrl = process.env.MLOPS_EVIDENTLY_URL;
const secret = process.env.MLOPS_EVIDENTLY_SECRET;
const seed: {
  projects: Record<string, string>;
  snapshots: Record<string, string[]>;
} = process.env.MLOPS_EVIDENTLY_SEED
  ? JSON.parse(fs.readFileSync(process.env.MLOPS_EVIDENTLY_SEED, 'utf8'))
  : { projects: {}, snapshots: {} };
const withEvidently = evidentlyUrl ? describe : describe.skip;

jest.setTimeout(60_000);

function collectorFor(baseUrl: string, extra: object = {}) {
  return EvidentlyCollector.fromConfig(
    new ConfigReader({
      mlopsMaturity: {
        tools: { evidently: [{ name: 'prod', baseUrl, secret, ...extra }] },
      },
    }),
    mockServices.logger.mock(),
  )!;
}

const project = (name: string, reference = `prod:${name}`) =>
  mlService(name, {
    level: 1,
    annotations: { 'evidentlyai.com/project-id': reference },
  });

withEvidently('the Evidently collector against a real Evidently server', () => {
  const scenarios = () => [
    project('fresh-monitoring'),
    project('fresh-by-id', `prod:${seed.projects['fresh-monitoring']}`),
    project('stale-monitoring'),
    project('no-drift-metric'),
    project('no-dashboard-panels'),
    project('drift-panels-only'),
    project('unfed-quality-panels'),
    project('missing-project'),
    project('twin-project'),
  ];
  /** Entities whose project exists once, so the collector reads it (2 requests each). */
  const readProjects = 7;

  async function assess(
    entities = scenarios(),
    collector = collectorFor(evidentlyUrl!),
  ) {
    const { engineFor, store } = await createTestEngine({
      collectors: [collector],
      config: {
        tools: { evidently: [{ name: 'prod', baseUrl: evidentlyUrl }] },
      },
      clock: () => new Date(),
    });
    const run = await engineFor(entities).assessAll({ trigger: 'manual' });
    const check = async (name: string, id: string) =>
      (await store.getAssessment(`component:default/${name}`))!.checks.find(
        c => c.id === id,
      )!;
    return { run, check, store, collector };
  }

  it('proves drift monitoring and a fed quality dashboard, with links to the reports', async () => {
    const { check } = await assess();
    const id = seed.projects['fresh-monitoring'];
    const newest = seed.snapshots['fresh-monitoring'].at(-1);
    const drift = await check('fresh-monitoring', 'drift-monitoring');
    expect(drift).toMatchObject({
      status: 'pass',
      source: 'evidently',
      message: expect.stringMatching(
        /^Evidently project "fresh-monitoring" measured drift on \d{4}-\d\d-\d\d \(DriftedColumnsCount; ValueDrift of 2 columns: prediction, amount\); 3 snapshots with drift metrics$/,
      ),
      links: [
        {
          title: 'Newest drift report of fresh-monitoring',
          url: `${evidentlyUrl}/projects/${id}/reports/${newest}`,
        },
        {
          title: 'fresh-monitoring in Evidently',
          url: `${evidentlyUrl}/projects/${id}`,
        },
      ],
    });
    // The newest of the snapshots seeded 3, 2 and 1 days back.
    const age = Date.now() - Date.parse(drift.observedAt!);
    expect(age).toBeGreaterThan(24 * 3600_000);
    expect(age).toBeLessThan(48 * 3600_000);
    expect(await check('fresh-monitoring', 'quality-dashboard')).toMatchObject({
      status: 'pass',
      source: 'evidently',
      message: expect.stringContaining(
        'shows prediction quality in 1 panel of 4 (Prediction quality: Accuracy, Precision), fed on',
      ),
      links: [
        {
          title: 'Dashboard of fresh-monitoring in Evidently',
          url: `${evidentlyUrl}/projects/${id}`,
        },
        {
          title: 'Newest quality report of fresh-monitoring',
          url: `${evidentlyUrl}/projects/${id}/reports/${newest}`,
        },
      ],
    });
  });

  it('finds a project by its id as well as by its name', async () => {
    const { check } = await assess();
    for (const checkId of ['drift-monitoring', 'quality-dashboard']) {
      expect((await check('fresh-by-id', checkId)).status).toBe('pass');
    }
  });

  it.each([
    [
      'stale-monitoring',
      'drift-monitoring',
      /measured drift .*older than the 14-day window$/,
    ],
    [
      'stale-monitoring',
      'quality-dashboard',
      /^No snapshot of Evidently project "stale-monitoring" has fed its quality panels \(Prediction quality: Accuracy, Precision\) since \d{4}-\d\d-\d\d, 40 days ago, older than the 14-day window/,
    ],
    [
      'no-drift-metric',
      'drift-monitoring',
      /^No snapshot of Evidently project "no-drift-metric" carries a drift metric/,
    ],
    [
      'no-dashboard-panels',
      'quality-dashboard',
      /^The dashboard of Evidently project "no-dashboard-panels" has no panels/,
    ],
    [
      'drift-panels-only',
      'quality-dashboard',
      /has 1 panel \(Drifted columns\), none of prediction quality/,
    ],
    [
      'unfed-quality-panels',
      'quality-dashboard',
      /^No snapshot of Evidently project "unfed-quality-panels" feeds its quality panels \(Prediction quality: RMSE\)/,
    ],
    [
      'missing-project',
      'drift-monitoring',
      /^Evidently project "missing-project" does not exist in Evidently prod$/,
    ],
    [
      'missing-project',
      'quality-dashboard',
      /^Evidently project "missing-project" does not exist in Evidently prod$/,
    ],
  ])('fails %s on %s', async (name, checkId, message) => {
    const { check } = await assess();
    const result = await check(name, checkId);
    expect(result).toMatchObject({ status: 'fail', source: 'evidently' });
    expect(result.message).toMatch(message);
  });

  it('proves each check on its own: regression quality without drift, drift without panels', async () => {
    const { check } = await assess();
    expect(await check('no-drift-metric', 'quality-dashboard')).toMatchObject({
      status: 'pass',
      message: expect.stringContaining('(Prediction quality: MAE, RMSE)'),
    });
    expect(
      (await check('no-dashboard-panels', 'drift-monitoring')).status,
    ).toBe('pass');
  });

  it('says which ids share a name that a reference cannot tell apart', async () => {
    const { check } = await assess();
    const result = await check('twin-project', 'drift-monitoring');
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(
      /^2 projects in Evidently prod are named "twin-project" \(.+, .+\); annotate evidentlyai.com\/project-id with the id/,
    );
  });

  it('lists the projects once per run, then asks at most 2 requests per entity', async () => {
    const collector = collectorFor(evidentlyUrl!);
    const entities = scenarios();
    const { run } = await assess(entities, collector);
    expect(run.failed).toBe(0);
    // One listing, then the dashboard and one data_series_batch per project read; a missing
    // or ambiguous reference is answered from the listing alone.
    expect(collector.requestCounts().prod).toBe(1 + 2 * readProjects);
  });

  it('keeps both checks Evidently proved through Evidently stopping', async () => {
    const proxy = await new FaultProxy(evidentlyUrl!).start();
    const entities = scenarios();
    let clock = new Date();
    const { engineFor, store } = await createTestEngine({
      collectors: [collectorFor(proxy.url)],
      config: {
        tools: { evidently: [{ name: 'prod', baseUrl: evidentlyUrl }] },
      },
      clock: () => clock,
    });
    const proved = async () =>
      (
        await Promise.all(
          entities.map(async e =>
            (await store.getAssessment(
              `component:default/${e.metadata.name}`,
            ))!.checks
              .filter(c => c.source === 'evidently' && c.counts)
              .map(c => ({
                entity: e.metadata.name,
                id: c.id,
                status: c.status,
                stale: c.stale,
              })),
          ),
        )
      ).flat();
    await engineFor(entities).assessAll({ trigger: 'manual' });
    const before = await proved();
    expect(new Set(before.map(p => p.id))).toEqual(
      new Set(['drift-monitoring', 'quality-dashboard']),
    );
    await proxy.stop();
    clock = new Date(clock.getTime() + 60_000);
    await engineFor(entities).assessAll({ trigger: 'manual' });
    expect(await proved()).toEqual(
      before.map(p => ({ ...p, status: 'unknown', stale: true })),
    );
  });

  describeToolFaults({
    tool: 'Evidently',
    targetUrl: evidentlyUrl!,
    collectorFor: (baseUrl, timeoutMs) => collectorFor(baseUrl, { timeoutMs }),
    config: {
      tools: { evidently: [{ name: 'prod', baseUrl: evidentlyUrl }] },
    },
    entity: project('fresh-monitoring'),
    scenarios: scenarios(),
    checkId: 'drift-monitoring',
  });
});

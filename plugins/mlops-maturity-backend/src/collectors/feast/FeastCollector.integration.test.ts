import fs from 'node:fs';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { mlService } from '../../__testUtils__/assessments';
import { createTestEngine } from '../../__testUtils__/createTestEngine';
import { describeToolFaults } from '../../__testUtils__/describeToolFaults';
import { FeastCollector } from './FeastCollector';

// Runs against the real Feast registry REST server that start_feast (scripts/tools/feast.sh)
// starts over a registry seeded by integration/feast/seed.py; skipped when none is running.
const feastUrl = process.env.MLOPS_FEAST_URL;
const seed = process.env.MLOPS_FEAST_SEED
  ? JSON.parse(fs.readFileSync(process.env.MLOPS_FEAST_SEED, 'utf8'))
  : {};
const withFeast = feastUrl ? describe : describe.skip;

jest.setTimeout(60_000);

const DAY_MS = 24 * 60 * 60 * 1000;
const SCENARIOS = 'mlops_scenarios';
const IDLE = 'mlops_unmaterialised';

function collectorFor(baseUrl: string, extra: object = {}) {
  return FeastCollector.fromConfig(
    new ConfigReader({
      mlopsMaturity: {
        tools: { feast: [{ name: 'prod', baseUrl, ...extra }] },
      },
    }),
    mockServices.logger.mock(),
  )!;
}

const model = (name: string, annotations: Record<string, string>) =>
  mlService(name, { level: 1, annotations });
const service = (name: string, services: string, project?: string) =>
  model(name, {
    'feast.dev/feature-service': `prod:${services}`,
    ...(project ? { 'feast.dev/project': `prod:${project}` } : {}),
  });

withFeast('the Feast collector against a real Feast server', () => {
  const config = { tools: { feast: [{ name: 'prod', baseUrl: feastUrl }] } };
  let clock = new Date();

  const scenarios = () => [
    service('fresh', 'fresh_features'),
    service('fresh-in-project', 'fresh_features', SCENARIOS),
    service('never', 'never_materialised_features'),
    service('stale', 'stale_features'),
    service('mixed', 'mixed_features'),
    service('missing', 'missing_features'),
    service('wrong-project', 'fresh_features', IDLE),
    service('fresh-and-never', 'fresh_features,never_materialised_features'),
    service('shared', 'shared_features'),
    service('shared-in-project', 'shared_features', SCENARIOS),
    model('project-fed', { 'feast.dev/project': `prod:${SCENARIOS}` }),
    model('project-idle', { 'feast.dev/project': `prod:${IDLE}` }),
    model('project-missing', { 'feast.dev/project': 'prod:no_such_project' }),
  ];

  async function assess(
    entities = scenarios(),
    collector = collectorFor(feastUrl!),
  ) {
    const { engineFor, store } = await createTestEngine({
      collectors: [collector],
      config,
      clock: () => clock,
    });
    const run = await engineFor(entities).assessAll({ trigger: 'manual' });
    const check = async (name: string) =>
      (await store.getAssessment(`component:default/${name}`))!.checks.find(
        c => c.id === 'feature-store',
      )!;
    return { run, check, engineFor };
  }

  beforeEach(() => {
    clock = new Date();
  });

  it('proves a feature service whose views were materialised, linking to it in the registry', async () => {
    const { check } = await assess();
    const result = await check('fresh');
    expect(result).toMatchObject({
      status: 'pass',
      source: 'feast',
      message: expect.stringMatching(
        /^Feature service "fresh_features" \(project mlops_scenarios, Feast prod\): its online view "driver_fresh" was materialised up to \d{4}-\d\d-\d\dT/,
      ),
      links: [
        {
          title: 'Feature service fresh_features in Feast',
          url: `${feastUrl}/api/v1/feature_services/fresh_features?project=${SCENARIOS}`,
        },
        {
          title: 'Feature view driver_fresh in Feast',
          url: `${feastUrl}/api/v1/feature_views/driver_fresh?project=${SCENARIOS}`,
        },
      ],
    });
    // Observed at the end of the materialisation the seed ran, so freshness ages it.
    expect(Date.parse(result.observedAt!)).toBe(Date.parse(seed.seededAt));
    for (const link of result.links) {
      const page = await fetch(link.url);
      expect(page.status).toBe(200);
      await page.body?.cancel();
    }
    expect((await check('fresh-in-project')).status).toBe('pass');
  });

  it('looks a feature service up in the project named beside it, and asks for one when the name is in several', async () => {
    const { check } = await assess();
    expect(await check('shared-in-project')).toMatchObject({
      status: 'pass',
      message: expect.stringContaining(
        'Feature service "shared_features" (project mlops_scenarios, Feast prod)',
      ),
    });
    expect(await check('shared')).toMatchObject({
      status: 'fail',
      message:
        'Feature service "shared_features" is in 2 projects of Feast prod (mlops_scenarios, mlops_unmaterialised); name one with feast.dev/project',
    });
  });

  it('proves a project named alone by its fed feature service', async () => {
    const { check } = await assess();
    expect(await check('project-fed')).toMatchObject({
      status: 'pass',
      message: expect.stringContaining(
        'Project "mlops_scenarios" in Feast prod: of its 5 feature services, 3 are materialised; the freshest, "fresh_features": its online view "driver_fresh"',
      ),
    });
  });

  it.each([
    [
      'never',
      'Feature service "never_materialised_features" (project mlops_scenarios, Feast prod): feature view "driver_never" has never been materialised; materialise on a schedule',
    ],
    ['mixed', 'feature view "driver_never" has never been materialised'],
    [
      'fresh-and-never',
      '"never_materialised_features" (project mlops_scenarios, Feast prod): feature view "driver_never" has never been materialised',
    ],
    ['stale', 'its online view "driver_stale" was materialised up to'],
    [
      'missing',
      'Feature service "missing_features" does not exist in any project of Feast prod',
    ],
    [
      'wrong-project',
      'Feature service "fresh_features" does not exist in project mlops_unmaterialised of Feast prod',
    ],
    [
      'project-idle',
      'No feature service of project "mlops_unmaterialised" in Feast prod has its views materialised: "idle_features": feature view "idle_view" has never been materialised; "shared_features": feature view "idle_view"',
    ],
    [
      'project-missing',
      'Project "no_such_project" does not exist in Feast prod',
    ],
  ])('fails the feature store for %s', async (name, message) => {
    const { check } = await assess();
    const result = await check(name);
    expect(result.status).toBe('fail');
    expect(result.message).toContain(message);
  });

  it('fails a materialisation older than the 7-day window, naming the view', async () => {
    const { check } = await assess();
    expect((await check('stale')).message).toMatch(
      /"driver_stale" was materialised up to .*; the proof is 30 days old, older than the 7-day window$/,
    );
  });

  it('ages a fed service past the window when no materialisation follows', async () => {
    clock = new Date(Date.parse(seed.seededAt) + 8 * DAY_MS);
    const { check } = await assess([service('fresh', 'fresh_features')]);
    expect(await check('fresh')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('older than the 7-day window'),
    });
  });

  it('links into the Feast UI when the instance names one', async () => {
    const ui = 'https://feast-ui.example';
    const { check } = await assess(
      [service('fresh', 'fresh_features')],
      collectorFor(feastUrl!, { uiUrl: ui }),
    );
    expect((await check('fresh')).links.map(l => l.url)).toEqual([
      `${ui}/p/${SCENARIOS}/feature-service/fresh_features`,
      `${ui}/p/${SCENARIOS}/feature-view/driver_fresh`,
    ]);
  });

  it('lists the registry once per run: the projects, then each project needed once', async () => {
    const collector = collectorFor(feastUrl!);
    const entities = scenarios();
    const { run, engineFor } = await assess(entities, collector);
    expect(run.failed).toBe(0);
    // GET /projects, and feature services and views of the two seeded projects.
    expect(collector.requestCounts().prod).toBe(1 + 2 * 2);
    expect(
      collector.requestCounts().prod / entities.length,
    ).toBeLessThanOrEqual(2);
    await engineFor(entities).assessAll({ trigger: 'manual' });
    expect(collector.requestCounts().prod).toBe(2 * (1 + 2 * 2));
  });

  describeToolFaults({
    tool: 'Feast',
    targetUrl: feastUrl!,
    collectorFor: (baseUrl, timeoutMs) => collectorFor(baseUrl, { timeoutMs }),
    config,
    entity: service('fresh', 'fresh_features'),
    scenarios: scenarios(),
    checkId: 'feature-store',
  });
});

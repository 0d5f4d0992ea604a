import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import scenarioServices from './__fixtures__/mlops_scenarios.feature_services.json';
import scenarioViews from './__fixtures__/mlops_scenarios.feature_views.json';
import {
  combineEvidence,
  feastLinks,
  FeastProjectListing,
  featureServiceEvidence,
  latestMaterialisation,
  projectEvidence,
  serviceNotFoundEvidence,
} from './feastEvidence';
import type { FeastFeatureService, FeastFeatureView } from './feastTypes';

const links = feastLinks('http://feast:6572');
const base = { instance: 'prod', links };

const view = (
  name: string,
  ends: string[] = [],
  extra: Partial<FeastFeatureView> = {},
): FeastFeatureView => ({
  type: 'featureView',
  spec: { name, online: true },
  meta: {
    materializationIntervals: ends.map(endTime => ({
      startTime: '2026-01-01T00:00:00Z',
      endTime,
    })),
  },
  ...extra,
});
const onDemand = (name: string, sources: string[], request = false) =>
  view(name, [], {
    type: 'onDemandFeatureView',
    spec: {
      name,
      sources: Object.fromEntries([
        ...sources.map(s => [
          s,
          { featureViewProjection: { featureViewName: s } },
        ]),
        ...(request ? [['req', { requestDataSource: { name: 'req' } }]] : []),
      ]),
    },
  });
const service = (name: string, views: string[]): FeastFeatureService => ({
  spec: { name, features: views.map(featureViewName => ({ featureViewName })) },
});
const listing = (
  services: FeastFeatureService[],
  views: FeastFeatureView[],
): FeastProjectListing => ({
  services: new Map(services.map(s => [s.spec!.name!, s])),
  views: new Map(views.map(v => [v.spec!.name!, v])),
});

const JAN_10 = '2026-01-10T00:00:00Z';
const JAN_20 = '2026-01-20T00:00:00Z';
const fed = view('fed', [JAN_10, JAN_20]);
const older = view('older', [JAN_10]);
const never = view('never');
const offline = view('offline', [JAN_20], {
  spec: { name: 'offline' },
});

/** The evidence of feature service `s` in a project holding `views`. */
function serviceRow(views: string[], known: FeastFeatureView[]) {
  const s = service('s', views);
  return featureServiceEvidence({
    ...base,
    project: 'p',
    name: 's',
    service: s,
    listing: listing([s], known),
  });
}

const ALL = [fed, older, never, offline];

describe('featureServiceEvidence', () => {
  it.each<[string, string[], FeastFeatureView[], Partial<CollectedEvidence>]>([
    [
      'one view, its latest materialisation',
      ['fed'],
      ALL,
      {
        status: 'pass',
        observedAt: new Date(JAN_20),
        message:
          'Feature service "s" (project p, Feast prod): its online view "fed" was materialised up to 2026-01-20T00:00:00Z',
      },
    ],
    [
      'several views: observed at the oldest latest end',
      ['fed', 'older'],
      ALL,
      {
        status: 'pass',
        observedAt: new Date(JAN_10),
        message: expect.stringContaining(
          'its 2 online views were materialised, the oldest, "older", up to 2026-01-10T00:00:00Z',
        ),
      },
    ],
    [
      'a view never materialised',
      ['fed', 'never'],
      ALL,
      {
        status: 'fail',
        message:
          'Feature service "s" (project p, Feast prod): feature view "never" has never been materialised; materialise on a schedule (feast materialize-incremental) so that the online store is fed',
        links: [links.service('p', 's'), links.view('p', 'never')],
      },
    ],
    [
      'a view the project does not have',
      ['fed', 'gone'],
      ALL,
      {
        status: 'fail',
        message: expect.stringContaining(
          'uses feature view "gone", which the project does not have',
        ),
      },
    ],
    [
      'offline views are not materialised by design',
      ['fed', 'offline'],
      ALL,
      { status: 'pass', observedAt: new Date(JAN_20) },
    ],
    [
      'only offline views',
      ['offline'],
      ALL,
      {
        status: 'fail',
        message: expect.stringContaining(
          'serves only offline feature view "offline", so nothing is materialised',
        ),
      },
    ],
    ['no views', [], ALL, { status: 'fail' }],
    [
      'an on-demand view counts through its sources',
      ['odfv'],
      [...ALL, onDemand('odfv', ['older'], true)],
      { status: 'pass', observedAt: new Date(JAN_10) },
    ],
    [
      'an on-demand view over a view never materialised',
      ['fed', 'odfv'],
      [...ALL, onDemand('odfv', ['never'])],
      {
        status: 'fail',
        message: expect.stringContaining(
          'feature view "never" has never been materialised',
        ),
      },
    ],
    [
      'an on-demand view over request data only',
      ['odfv'],
      [...ALL, onDemand('odfv', [], true)],
      { status: 'fail', message: expect.stringContaining('serves no') },
    ],
  ])('%s', (_, views, known, expected) => {
    expect(serviceRow(views, known)).toMatchObject(expected);
  });

  it('reads the answers recorded from a real registry REST server', () => {
    const recorded = listing(
      scenarioServices.featureServices as FeastFeatureService[],
      scenarioViews.featureViews as FeastFeatureView[],
    );
    const evidence = (name: string) =>
      featureServiceEvidence({
        ...base,
        project: 'mlops_scenarios',
        name,
        service: recorded.services.get(name)!,
        listing: recorded,
      });
    expect(evidence('fresh_features')).toMatchObject({
      status: 'pass',
      observedAt: new Date('2026-11-30T03:09:36Z'),
    });
    expect(evidence('stale_features')).toMatchObject({
      status: 'pass',
      observedAt: new Date('2026-10-31T03:09:36Z'),
    });
    expect(evidence('never_materialised_features').status).toBe('fail');
    expect(evidence('mixed_features').message).toContain(
      'feature view "driver_never" has never been materialised',
    );
  });
});

describe('latestMaterialisation', () => {
  it('is the newest end, whatever the order, ignoring unreadable ones', () => {
    expect(
      latestMaterialisation(view('v', [JAN_20, 'not a date', JAN_10])),
    ).toEqual(new Date(JAN_20));
    expect(latestMaterialisation(view('v'))).toBeUndefined();
  });
});

describe('projectEvidence', () => {
  const project = (l?: FeastProjectListing) =>
    projectEvidence({ ...base, project: 'p', listing: l });

  it.each<
    [string, FeastProjectListing | undefined, Partial<CollectedEvidence>]
  >([
    [
      'the freshest fed service proves it',
      listing(
        [
          service('a', ['older']),
          service('b', ['fed']),
          service('c', ['never']),
        ],
        ALL,
      ),
      {
        status: 'pass',
        observedAt: new Date(JAN_20),
        message: expect.stringMatching(
          /^Project "p" in Feast prod: of its 3 feature services, 2 are materialised; the freshest, "b": its online view "fed" was materialised up to 2026-01-20T00:00:00Z$/,
        ),
      },
    ],
    [
      'no service fed',
      listing([service('c', ['never'])], ALL),
      {
        status: 'fail',
        message: expect.stringContaining(
          '"c": feature view "never" has never been materialised',
        ),
      },
    ],
    [
      'no feature service',
      listing([], ALL),
      {
        status: 'fail',
        message: expect.stringContaining('has no feature service'),
      },
    ],
    [
      'no such project',
      undefined,
      {
        status: 'fail',
        message: expect.stringContaining('Project "p" does not exist'),
      },
    ],
  ])('%s', (_, l, expected) => {
    expect(project(l)).toMatchObject(expected);
  });
});

describe('serviceNotFoundEvidence', () => {
  const projects = new Set(['a', 'b']);
  it.each<
    [
      string,
      Parameters<typeof serviceNotFoundEvidence>[0],
      Partial<CollectedEvidence>,
    ]
  >([
    [
      'in no project',
      { ...base, name: 's', scope: [], projects, foundIn: [] },
      {
        status: 'fail',
        message: expect.stringContaining(
          'does not exist in any project of Feast prod',
        ),
      },
    ],
    [
      'not in the named project, which does not exist',
      { ...base, name: 's', scope: ['x'], projects },
      {
        status: 'fail',
        message: expect.stringContaining(
          'does not exist in project x of Feast prod (Feast prod has no project x)',
        ),
      },
    ],
    [
      'in several projects, none named',
      { ...base, name: 's', scope: [], projects, foundIn: ['a', 'b'] },
      {
        status: 'fail',
        message: expect.stringContaining('name one with feast.dev/project'),
      },
    ],
  ])('%s', (_, facts, expected) => {
    expect(serviceNotFoundEvidence(facts)).toMatchObject(expected);
  });
});

describe('combineEvidence', () => {
  const item = (
    status: CollectedEvidence['status'],
    message: string,
    observedAt?: string,
  ): CollectedEvidence => ({
    checkId: 'feature-store',
    status,
    message,
    ...(observedAt ? { observedAt: new Date(observedAt) } : {}),
  });

  it.each<[string, CollectedEvidence[], Partial<CollectedEvidence>]>([
    [
      'every reference passes: observed at the oldest',
      [item('pass', 'a', JAN_20), item('pass', 'b', JAN_10)],
      { status: 'pass', message: 'a; b', observedAt: new Date(JAN_10) },
    ],
    [
      'one fails: the entity fails',
      [item('pass', 'a', JAN_20), item('fail', 'b')],
      { status: 'fail', message: 'b' },
    ],
    [
      'one could not be asked: unknown, so nothing moves',
      [item('pass', 'a', JAN_20), item('unknown', 'down')],
      { status: 'unknown', message: 'down' },
    ],
    [
      'a fail is not hidden by an outage',
      [item('unknown', 'down'), item('fail', 'b')],
      { status: 'fail', message: 'b' },
    ],
    [
      'an ambiguous reference beside a pass',
      [item('pass', 'a', JAN_20), item('invalid', 'which?')],
      { status: 'invalid', message: 'which?' },
    ],
    [
      'the same outage twice is said once',
      [item('unknown', 'down'), item('unknown', 'down')],
      { status: 'unknown', message: 'down' },
    ],
  ])('%s', (_, items, expected) => {
    const combined = combineEvidence(items);
    expect(combined).toHaveLength(1);
    expect(combined[0]).toMatchObject(expected);
  });

  it('leaves a single item as it is', () => {
    const one = item('pass', 'a', JAN_20);
    expect(combineEvidence([one])).toEqual([one]);
  });
});

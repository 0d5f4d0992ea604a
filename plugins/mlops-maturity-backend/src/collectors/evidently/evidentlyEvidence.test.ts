import {
  EvidentlyProjectFacts,
  evidentlyProjectEvidence,
  findProject,
} from './evidentlyEvidence';
import { seriesFilters } from './evidentlyMetrics';
import type {
  EvidentlyDashboard,
  EvidentlySeriesResponse,
} from './evidentlyTypes';

// The shapes are those `evidently ui` 0.7.23 answered for the integration test's
// fresh-monitoring project, cut to two snapshots and the series the rules read.
const NOW = new Date('2026-11-30T12:00:00Z');
const project = { id: '01a22a5d-5665-7721-a1fe-02c1df48ba18', name: 'churn' };
const OLD = '01a22a5d-68fb-79dd-8be3-bf7345e6adb2';
const NEW = '01a22a5d-84a9-70aa-a018-ba5290aa11a0';

const dashboard: EvidentlyDashboard = {
  tabs: [{ id: 't', title: 'General', panels: ['p1', 'p2', 'p3'] }],
  panels: [
    { id: 'p1', title: 'Model monitoring', values: [] },
    {
      id: 'p2',
      title: 'Prediction quality',
      values: [
        { metric: 'evidently:metric_v2:Accuracy', legend: 'Accuracy' },
        { metric: 'evidently:metric_v2:Precision', legend: 'Precision' },
      ],
    },
    {
      id: 'p3',
      title: 'Drifted columns',
      values: [
        {
          metric: 'evidently:metric_v2:DriftedColumnsCount',
          metric_labels: { value_type: 'count' },
        },
      ],
    },
  ],
};

const series: EvidentlySeriesResponse = {
  sources: [
    { snapshot_id: OLD, timestamp: '2026-11-27T12:00:00.000000Z' },
    { snapshot_id: NEW, timestamp: '2026-11-29T12:00:00.000000Z' },
  ],
  series: [
    {
      metric_type: 'evidently:metric_v2:DriftedColumnsCount',
      params: { value_type: 'count', drift_share: '0.5' },
      values: [1, 2],
    },
    {
      metric_type: 'evidently:metric_v2:ValueDrift',
      params: { column: 'amount', method: 'K-S p_value', threshold: '0.05' },
      values: [0.01, 0.002],
    },
    {
      metric_type: 'evidently:metric_v2:ValueDrift',
      params: { column: 'prediction', method: 'Z-test p_value' },
      values: [0.4, 0.3],
    },
    {
      metric_type: 'evidently:metric_v2:Accuracy',
      params: { classification_name: 'default' },
      values: [0.86, 0.84],
    },
  ],
};

const facts = (change: Partial<EvidentlyProjectFacts> = {}) => ({
  instance: 'prod',
  baseUrl: 'http://evidently.example',
  ui: 'oss' as const,
  reference: 'churn',
  project,
  dashboard,
  series,
  qualityWindowDays: 14,
  now: NOW,
  ...change,
});

const only = (types: string[]): EvidentlySeriesResponse => ({
  ...series,
  series: series.series!.filter(s => types.includes(s.metric_type)),
});
const ACCURACY = 'evidently:metric_v2:Accuracy';
const DRIFT = [
  'evidently:metric_v2:DriftedColumnsCount',
  'evidently:metric_v2:ValueDrift',
];
const panels = (...values: string[][]): EvidentlyDashboard => ({
  panels: values.map((metrics, i) => ({
    id: `p${i}`,
    title: `Panel ${i}`,
    values: metrics.map(metric => ({ metric })),
  })),
});

const evidence = (f: EvidentlyProjectFacts, checkId: string) =>
  evidentlyProjectEvidence(f).find(e => e.checkId === checkId)!;

describe('evidentlyProjectEvidence', () => {
  it('proves drift and a fed quality dashboard, observed at the newest snapshot', () => {
    const [drift, quality] = evidentlyProjectEvidence(facts());
    expect(drift).toEqual({
      checkId: 'drift-monitoring',
      status: 'pass',
      message:
        'Evidently project "churn" measured drift on 2026-11-29 (DriftedColumnsCount; ValueDrift of 2 columns: prediction, amount); 2 snapshots with drift metrics',
      observedAt: new Date('2026-11-29T12:00:00Z'),
      links: [
        {
          title: 'Newest drift report of churn',
          url: `http://evidently.example/projects/${project.id}/reports/${NEW}`,
        },
        {
          title: 'churn in Evidently',
          url: `http://evidently.example/projects/${project.id}`,
        },
      ],
      details: {
        project: 'churn',
        projectId: project.id,
        snapshotId: NEW,
        driftMetrics: ['DriftedColumnsCount', 'ValueDrift'],
        columns: ['prediction', 'amount'],
        driftSnapshots: 2,
      },
    });
    expect(quality).toMatchObject({
      checkId: 'quality-dashboard',
      status: 'pass',
      message:
        'The dashboard of Evidently project "churn" shows prediction quality in 1 panel of 3 (Prediction quality: Accuracy, Precision), fed on 2026-11-29',
      observedAt: new Date('2026-11-29T12:00:00Z'),
      details: { qualityPanels: ['Prediction quality'] },
    });
  });

  // Each row breaks one rule a pass needs; removing that rule from the code passes the row's
  // facts and fails the row.
  it.each<[string, Partial<EvidentlyProjectFacts>, string, RegExp]>([
    [
      'the project exists',
      { project: undefined },
      'drift-monitoring',
      /^Evidently project "churn" does not exist in Evidently prod$/,
    ],
    [
      'the project exists (quality)',
      { project: undefined },
      'quality-dashboard',
      /does not exist in Evidently prod$/,
    ],
    [
      'a name names one project',
      { project: undefined, namesakes: [project, { ...project, id: 'b' }] },
      'drift-monitoring',
      /^2 projects in Evidently prod are named "churn" \(01a22a5d-5665-7721-a1fe-02c1df48ba18, b\); annotate evidentlyai.com\/project-id with the id/,
    ],
    [
      'a name names one project (quality)',
      { project: undefined, namesakes: [project, { ...project, id: 'b' }] },
      'quality-dashboard',
      /^2 projects in Evidently prod are named "churn"/,
    ],
    [
      'a snapshot carries a drift metric',
      { series: only([ACCURACY]) },
      'drift-monitoring',
      /^No snapshot of Evidently project "churn" carries a drift metric \(DriftedColumnsCount, ValueDrift, EmbeddingsDrift\); add a DataDriftPreset/,
    ],
    [
      'a drift series has a value, not only gaps',
      {
        series: {
          ...series,
          series: series.series!.map(s => ({
            ...s,
            values: DRIFT.includes(s.metric_type) ? [null, null] : s.values,
          })),
        },
      },
      'drift-monitoring',
      /carries a drift metric/,
    ],
    [
      'a drift value belongs to a snapshot',
      { series: { ...series, sources: [] } },
      'drift-monitoring',
      /carries a drift metric/,
    ],
    [
      'the dashboard has panels',
      { dashboard: { tabs: [], panels: [] } },
      'quality-dashboard',
      /^The dashboard of Evidently project "churn" has no panels; add panels of prediction quality \(e.g. Accuracy, F1Score, RMSE\)/,
    ],
    [
      'a panel shows prediction quality',
      { dashboard: panels(['evidently:metric_v2:DriftedColumnsCount']) },
      'quality-dashboard',
      /^The dashboard of Evidently project "churn" has 1 panel \(Panel 0\), none of prediction quality/,
    ],
    [
      'a baseline is not prediction quality',
      { dashboard: panels(['evidently:metric_v2:DummyAccuracy']) },
      'quality-dashboard',
      /none of prediction quality/,
    ],
    [
      'a snapshot feeds a quality panel',
      { series: only(DRIFT) },
      'quality-dashboard',
      /^No snapshot of Evidently project "churn" feeds its quality panels \(Prediction quality: Accuracy, Precision\); upload reports with those metrics$/,
    ],
    [
      'the quality that feeds is the quality a panel shows',
      { dashboard: panels(['evidently:metric_v2:RMSE']) },
      'quality-dashboard',
      /feeds its quality panels \(Panel 0: RMSE\)/,
    ],
    [
      'a quality panel was fed within the window',
      { now: new Date('2026-12-20T12:00:00Z') },
      'quality-dashboard',
      /^No snapshot of Evidently project "churn" has fed its quality panels \(Prediction quality: Accuracy, Precision\) since 2026-11-29, 21 days ago, older than the 14-day window/,
    ],
  ])('fails unless %s', (_rule, change, checkId, message) => {
    const result = evidence(facts(change), checkId);
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(message);
  });

  it('answers one item per check, never a pass beside a fail', () => {
    for (const change of [{}, { project: undefined }, { series: only([]) }]) {
      expect(
        evidentlyProjectEvidence(facts(change)).map(e => e.checkId),
      ).toEqual(['drift-monitoring', 'quality-dashboard']);
    }
  });

  it('reads a timestamp without an offset as UTC, and a panel metric without the prefix', () => {
    const naive = evidentlyProjectEvidence(
      facts({
        dashboard: panels(['Accuracy']),
        series: {
          ...series,
          sources: [
            { snapshot_id: OLD, timestamp: '2026-11-27T12:00:00.123456' },
            { snapshot_id: NEW, timestamp: '2026-11-29T08:30:00.123456' },
          ],
        },
      }),
    );
    expect(naive.map(e => [e.status, e.observedAt])).toEqual([
      ['pass', new Date('2026-11-29T08:30:00.123Z')],
      ['pass', new Date('2026-11-29T08:30:00.123Z')],
    ]);
  });

  it('links into Evidently Cloud by its routes', () => {
    const drift = evidence(facts({ ui: 'cloud' }), 'drift-monitoring');
    expect(drift.links!.map(l => l.url)).toEqual([
      `http://evidently.example/v2/projects/${project.id}/explore/${NEW}`,
      `http://evidently.example/v2/projects/${project.id}`,
    ]);
  });
});

describe('findProject', () => {
  const twins = [
    { id: 'A1', name: 'fraud' },
    { id: 'b2', name: 'fraud' },
    { id: 'c3', name: 'churn' },
  ];

  it.each([
    ['a1', { project: twins[0] }],
    ['churn', { project: twins[2] }],
    ['fraud', { namesakes: [twins[0], twins[1]] }],
    ['pricing', {}],
  ])('finds %s', (reference, expected) => {
    expect(findProject(twins, reference)).toEqual(expected);
  });
});

describe('seriesFilters', () => {
  it('asks for every drift metric and each quality series as its panel filters it, once', () => {
    const filtered = {
      metric: 'F1Score',
      tags: ['production'],
      metric_labels: { label: '1' },
    };
    expect(
      seriesFilters({
        panels: [
          { id: '1', values: [filtered, { metric: 'RowCount' }] },
          { id: '2', values: [filtered] },
        ],
      }),
    ).toEqual([
      ...['DriftedColumnsCount', 'ValueDrift', 'EmbeddingsDrift'].map(m => ({
        tags: [],
        metadata: {},
        metric: `evidently:metric_v2:${m}`,
        metric_labels: {},
      })),
      {
        tags: ['production'],
        metadata: {},
        metric: 'evidently:metric_v2:F1Score',
        metric_labels: { label: '1' },
      },
    ]);
  });
});

import {
  chooseDashboard,
  DEFAULT_BUSINESS_KEYWORDS,
  DEFAULT_QUALITY_KEYWORDS,
  GrafanaSelectorFacts,
  grafanaSelectorEvidence,
  namedKeyword,
  uiLink,
} from './grafanaEvidence';
import type { GrafanaPanel } from './grafanaTypes';
import {
  evidentlyHit,
  overviewHit,
  rec,
} from './__testUtils__/grafanaTestSetup';

const rules = {
  quality: [...DEFAULT_QUALITY_KEYWORDS],
  business: [...DEFAULT_BUSINESS_KEYWORDS],
  requireBusiness: true,
};

/** Evidently's dashboard with the business panel, found by the tag churn: it passes. */
function passing(): GrafanaSelectorFacts {
  return {
    instance: 'main',
    uiUrl: 'https://grafana.example.com',
    selector: 'churn',
    isTag: true,
    matches: [evidentlyHit],
    read: {
      hit: evidentlyHit,
      answer: JSON.parse(rec.qualityAndBusiness.body),
    },
    rules,
  };
}

const panels = (f: GrafanaSelectorFacts) => f.read!.answer!.dashboard!.panels!;
const named = (p: GrafanaPanel, word: string) =>
  JSON.stringify(p).toLowerCase().includes(word);

describe('grafanaSelectorEvidence', () => {
  it('passes the fixture dashboard', () => {
    expect(grafanaSelectorEvidence(passing())).toMatchObject({
      status: 'pass',
      observedAt: new Date('2026-11-02T08:30:00Z'),
      links: [
        {
          url: 'https://grafana.example.com/d/5doIRYank/evidently-classification-performance-dashboard',
        },
      ],
    });
  });

  // Each row removes one pass rule; the check must then fail, saying why.
  it.each<[string, (f: GrafanaSelectorFacts) => void, string]>([
    [
      'a dashboard matches the selector',
      f => {
        f.matches = [];
        f.read = undefined;
      },
      'No dashboard in Grafana main matches the tag churn',
    ],
    [
      'the dashboard still exists',
      f => {
        f.read!.answer = undefined;
      },
      'no longer exists in Grafana main',
    ],
    [
      'a panel shows prediction quality',
      f => {
        f.read!.answer!.dashboard!.panels = panels(f).filter(
          p => !named(p, 'quality'),
        );
      },
      'has no prediction-quality panel',
    ],
    [
      'a quality panel has a query (a text panel shows no metric)',
      f => {
        for (const p of panels(f)) {
          if (named(p, 'quality')) {
            p.type = 'text';
            delete p.targets;
          }
        }
      },
      'has no prediction-quality panel',
    ],
    [
      'a business panel is beside the quality panels',
      f => {
        f.read!.answer!.dashboard!.panels = panels(f).filter(
          p => !named(p, 'revenue'),
        );
      },
      'but no business metric beside it',
    ],
    [
      'the business panel is another panel than the only quality panel',
      f => {
        f.read!.answer!.dashboard!.panels = [
          {
            id: 1,
            type: 'timeseries',
            title: 'Accuracy against revenue',
            targets: [{ expr: 'model_accuracy', refId: 'A' }],
          },
        ];
      },
      'but no business metric beside it',
    ],
  ])('fails without: %s', (_, remove, message) => {
    const facts = passing();
    remove(facts);
    const result = grafanaSelectorEvidence(facts);
    expect(result.status).toBe('fail');
    expect(result.message).toContain(message);
  });

  it('passes quality panels alone when business panels are not required', () => {
    const facts = passing();
    facts.read!.answer!.dashboard!.panels = panels(facts).filter(
      p => !named(p, 'revenue'),
    );
    facts.rules = { ...rules, requireBusiness: false };
    expect(grafanaSelectorEvidence(facts).status).toBe('pass');
  });

  it('finds panels in collapsed rows and in the rows of old dashboards', () => {
    const facts = passing();
    const dashboard = facts.read!.answer!.dashboard!;
    const [quality, revenue] = [
      panels(facts).find(p => p.title === 'Quality')!,
      panels(facts).find(p => p.title === 'Retained revenue')!,
    ];
    dashboard.panels = [{ type: 'row', title: 'Model', panels: [quality] }];
    dashboard.rows = [{ title: 'Business', panels: [revenue] }];
    expect(grafanaSelectorEvidence(facts).status).toBe('pass');
  });
});

describe('namedKeyword', () => {
  it.each<[string, string | undefined]>([
    ['Model accuracy', 'accuracy'],
    ['evidently:classification_performance:class_quality{}', 'quality'],
    ['f1_score', 'f1'],
    ['rocAuc', 'auc'],
    ['Prediction drift share', 'drift'],
    ['Latency p99', undefined],
    ['accurate predictions', undefined],
  ])('%j names %j as a quality keyword', (text, keyword) => {
    expect(namedKeyword(text, DEFAULT_QUALITY_KEYWORDS)).toBe(keyword);
  });

  it.each<[string, string | undefined]>([
    ['Orders per minute', 'order'],
    ['sum(rate(checkout_conversions_total[5m]))', 'conversion'],
    ['Churn rate', 'churn rate'],
    ['churn_model_accuracy', undefined],
  ])('%j names %j as a business keyword', (text, keyword) => {
    expect(namedKeyword(text, DEFAULT_BUSINESS_KEYWORDS)).toBe(keyword);
  });
});

describe('chooseDashboard', () => {
  it('reads the first match whose title names quality, else the first match', () => {
    const quality = { uid: 'q', title: 'Churn model quality' };
    expect(chooseDashboard([overviewHit, quality], rules)).toBe(quality);
    expect(chooseDashboard([overviewHit, evidentlyHit], rules)).toBe(
      overviewHit,
    );
    expect(chooseDashboard([], rules)).toBeUndefined();
  });
});

describe('uiLink', () => {
  it.each([
    [
      'https://grafana.example.com',
      '/d/a/b',
      'https://grafana.example.com/d/a/b',
    ],
    [
      'https://example.com/grafana/',
      '/grafana/d/a/b',
      'https://example.com/grafana/d/a/b',
    ],
    [
      'https://example.com/grafana',
      '/d/a/b',
      'https://example.com/grafana/d/a/b',
    ],
  ])('joins %s and %s without doubling a sub path', (ui, path, url) => {
    expect(uiLink(ui, path)).toBe(url);
  });
});

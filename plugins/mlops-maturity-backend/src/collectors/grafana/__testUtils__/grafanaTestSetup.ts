import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { mlService } from '../../../__testUtils__/assessments';
import { createTestEngine } from '../../../__testUtils__/createTestEngine';
import {
  GithubReplay,
  Recorded,
} from '../../github/__testUtils__/GithubReplay';
import { GrafanaCollector } from '../GrafanaCollector';

// Shared setup of the Grafana collector's tests: the answers built from Grafana's documented
// examples and Evidently's Grafana dashboard, the scenario variants, the collector's
// configuration and the entities that carry a dashboard selector. __fixtures__/README.md names
// each source and every change made. The replay server is the GitHub collector's: it answers
// GET paths, which is all the Grafana collector asks.

export const TOKEN = 'glsa_replayTestTokenNeverShown_0123456789';
export const EVIDENTLY_UID = '5doIRYank';
export const OVERVIEW_UID = 'cIBgcSjkk';
/** The day after the quality dashboard was last saved (meta.updated 2026-11-02T08:30:00Z). */
export const DAY_AFTER = new Date('2026-11-03T00:00:00Z');

const FIXTURES = path.resolve(__dirname, '../__fixtures__');
const fixture = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

const json = (body: unknown, status = 200): Recorded => ({
  status,
  headers: [['Content-Type', 'application/json']],
  body: JSON.stringify(body),
});

/** Evidently's classification dashboard, tagged for the churn service (README: tags). */
function evidentlyDashboard(withBusinessPanel: boolean) {
  const dashboard = fixture('evidently-classification-performance.json.txt');
  dashboard.tags = ['churn', 'ml'];
  if (withBusinessPanel) {
    dashboard.panels.push({
      datasource: 'Prometheus',
      gridPos: { h: 6, w: 24, x: 0, y: 35 },
      id: 500,
      targets: [
        {
          exemplar: true,
          expr: 'sum(increase(churn_retained_revenue_total[1d]))',
          interval: '',
          legendFormat: 'retained revenue',
          refId: 'A',
        },
      ],
      title: 'Retained revenue',
      type: 'timeseries',
    });
  }
  return dashboard;
}

/** The `meta` of `GET /api/dashboards/uid/:uid` for the Evidently dashboard (README: meta). */
const evidentlyMeta = {
  type: 'db',
  canSave: true,
  canEdit: true,
  canAdmin: true,
  canStar: true,
  slug: 'evidently-classification-performance-dashboard',
  url: `/d/${EVIDENTLY_UID}/evidently-classification-performance-dashboard`,
  expires: '0001-01-01T00:00:00Z',
  created: '2026-10-01T09:00:00Z',
  updated: '2026-11-02T08:30:00Z',
  updatedBy: 'admin',
  createdBy: 'admin',
  version: 1,
  hasAcl: false,
  isFolder: false,
  folderId: 0,
  folderTitle: 'General',
  folderUrl: '',
  provisioned: false,
};

/** The Evidently dashboard as a hit of `/api/search`, in the documented shape. */
export const evidentlyHit = {
  id: 2,
  uid: EVIDENTLY_UID,
  title: 'Evidently Classification Performance Dashboard',
  uri: 'db/evidently-classification-performance-dashboard',
  url: evidentlyMeta.url,
  slug: '',
  type: 'dash-db',
  tags: ['churn', 'ml'],
  isStarred: false,
  sortMeta: 0,
};

export const overviewHit = fixture('search-production-overview.json')[0];

export const rec = {
  qualityOnly: json({
    dashboard: evidentlyDashboard(false),
    meta: evidentlyMeta,
  }),
  qualityAndBusiness: json({
    dashboard: evidentlyDashboard(true),
    meta: evidentlyMeta,
  }),
  overview: json(fixture('dashboard-production-overview.json')),
  notFound: json({ message: 'Dashboard not found', status: 'not-found' }, 404),
};

/** Grafana's search: by tag, else every dashboard, `limit` per page from page 1. */
export function search(hits: Array<Record<string, any>>) {
  return (query: URLSearchParams): Recorded => {
    const tag = query.get('tag');
    if (tag) return json(hits.filter(h => h.tags?.includes(tag)));
    const limit = Number(query.get('limit') ?? 1000);
    const page = Math.max(Number(query.get('page') ?? 1), 1);
    return json(hits.slice((page - 1) * limit, page * limit));
  };
}

/** A Grafana with the churn quality dashboard (quality and business panels) and the docs' overview. */
export const grafana = (): Record<
  string,
  Recorded | ((query: URLSearchParams) => Recorded)
> => ({
  '/api/search': search([evidentlyHit, overviewHit]),
  [`/api/dashboards/uid/${EVIDENTLY_UID}`]: rec.qualityAndBusiness,
  [`/api/dashboards/uid/${OVERVIEW_UID}`]: rec.overview,
});

export function collectorFor(baseUrl: string, extra: object = {}) {
  return GrafanaCollector.fromConfig(
    new ConfigReader({
      mlopsMaturity: {
        tools: {
          grafana: [
            { name: 'main', baseUrl, token: TOKEN, timeoutMs: 2000, ...extra },
          ],
        },
      },
    }),
    mockServices.logger.mock(),
  )!;
}

/** Config declaring the `main` instance, so that selectors are read. */
export const grafanaConfig = {
  tools: { grafana: [{ name: 'main', baseUrl: 'http://127.0.0.1' }] },
};

export const selecting = (name: string, selector: string) =>
  mlService(name, {
    level: 1,
    annotations: { 'grafana/dashboard-selector': selector },
  });

/**
 * Assesses the entities once with the collector asking the replay at baseUrl, the day after the
 * quality dashboard was saved; check(name) reads that entity's quality-dashboard check.
 */
export async function assessGrafana(
  baseUrl: string,
  entities: Entity[],
  options: { collector?: GrafanaCollector } = {},
) {
  const collector = options.collector ?? collectorFor(baseUrl);
  const { engineFor, store } = await createTestEngine({
    collectors: [collector],
    config: grafanaConfig,
    clock: () => DAY_AFTER,
  });
  const run = await engineFor(entities).assessAll({ trigger: 'manual' });
  const check = async (name: string) =>
    (await store.getAssessment(`component:default/${name}`))!.checks.find(
      c => c.id === 'quality-dashboard',
    )!;
  return { run, check, store, engineFor, collector };
}

/** A fresh replay of the Grafana answers for each test of the calling `describe`. */
export function replayPerTest(): () => GithubReplay {
  let replay: GithubReplay;
  beforeEach(async () => {
    replay = await new GithubReplay(grafana()).start();
  });
  afterEach(async () => {
    await replay.stop();
  });
  return () => replay;
}

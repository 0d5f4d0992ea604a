import type { EvidenceLink } from '@mlops-maturity/plugin-mlops-maturity-common';
import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import type {
  GrafanaDashboardAnswer,
  GrafanaPanel,
  GrafanaSearchHit,
} from './grafanaTypes';

/** Words in a panel's title or query that mean it shows prediction quality. */
export const DEFAULT_QUALITY_KEYWORDS = [
  'accuracy',
  'precision',
  'recall',
  'f1',
  'auc',
  'roc auc',
  'rmse',
  'mae',
  'mape',
  'mse',
  'r2',
  'log loss',
  'logloss',
  'ndcg',
  'drift',
  'quality',
  'calibration',
] as const;

/** Words in a panel's title or query that mean it shows a business metric. */
export const DEFAULT_BUSINESS_KEYWORDS = [
  'revenue',
  'sales',
  'order',
  'conversion',
  'conversion rate',
  'ctr',
  'click through',
  'churn rate',
  'retention',
  'signup',
  'booking',
  'gmv',
  'arpu',
  'ltv',
  'profit',
  'margin',
  'cost',
  'savings',
  'chargeback',
  'fraud loss',
  'subscription',
  'active users',
  'kpi',
  'business',
] as const;

/**
 * What makes a dashboard a quality dashboard: panels naming a quality keyword, and, unless
 * `requireBusiness` is false, another panel beside them naming a business keyword.
 *
 * @internal
 */
export interface PanelRules {
  quality: readonly string[];
  business: readonly string[];
  requireBusiness: boolean;
}

/**
 * What the collector knows about one `grafana/dashboard-selector`.
 *
 * @internal
 */
export interface GrafanaSelectorFacts {
  instance: string;
  /** The Grafana UI, for deep links. */
  uiUrl: string;
  selector: string;
  /** Whether Grafana was searched by the selector as a tag. */
  isTag: boolean;
  /** The dashboards the selector finds, in Grafana's search order. */
  matches: GrafanaSearchHit[];
  /** The one dashboard read, when any matched; no answer when it vanished after the search. */
  read?: { hit: GrafanaSearchHit; answer?: GrafanaDashboardAnswer };
  rules: PanelRules;
}

const words = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** The keyword that a text names as words (a keyword's last word may be plural), if any. */
export function namedKeyword(
  text: string,
  keywords: readonly string[],
): string | undefined {
  const tokens = words(text);
  return keywords.find(keyword => {
    const k = words(keyword);
    if (k.length === 0) return false;
    return tokens.some((_, i) =>
      k.every((w, j) => {
        const t = tokens[i + j];
        return t === w || (j === k.length - 1 && t === `${w}s`);
      }),
    );
  });
}

/** The strings of a query (its expression, SQL, target), without data source and ref id. */
function queryText(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (!value || typeof value !== 'object' || depth > 3) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'datasource' || key === 'refId' ? [] : queryText(v, depth + 1),
  );
}

/**
 * The panels that show data (with a query, or a library panel), in collapsed rows and in the
 * rows of old dashboards too; rows and text panels are not panels that show a metric.
 *
 * @internal
 */
export function dataPanels(
  dashboard: GrafanaDashboardAnswer['dashboard'],
): GrafanaPanel[] {
  const flat = (panels: GrafanaPanel[] = []): GrafanaPanel[] =>
    panels.flatMap(p => (p.type === 'row' ? flat(p.panels) : [p]));
  return [
    ...flat(dashboard?.panels),
    ...(dashboard?.rows ?? []).flatMap(r => flat(r.panels)),
  ].filter(p => (p.targets?.length ?? 0) > 0 || p.libraryPanel);
}

const panelText = (p: GrafanaPanel) =>
  [
    p.title ?? '',
    p.description ?? '',
    p.libraryPanel?.name ?? '',
    ...queryText(p.targets ?? []),
  ].join('\n');

const panelName = (p: GrafanaPanel) =>
  p.title?.trim() || p.libraryPanel?.name || `panel ${p.id ?? '?'}`;

/**
 * The dashboard the collector reads: the first match whose title names a quality keyword, else
 * the first match (Grafana's search sorts by title).
 *
 * @internal
 */
export function chooseDashboard(
  matches: readonly GrafanaSearchHit[],
  rules: PanelRules,
): GrafanaSearchHit | undefined {
  return matches.find(m => namedKeyword(m.title, rules.quality)) ?? matches[0];
}

/** A path of the Grafana UI as a link: Grafana's own URLs carry its sub path already. */
export function uiLink(uiUrl: string, path: string): string {
  const base = new URL(uiUrl);
  const sub = base.pathname.replace(/\/+$/, '');
  return sub && path.startsWith(`${sub}/`)
    ? `${base.origin}${path}`
    : `${uiUrl.replace(/\/+$/, '')}${path}`;
}

function updatedAt(answer?: GrafanaDashboardAnswer): Date | undefined {
  const ms = Date.parse(answer?.meta?.updated ?? '');
  // Grafana's zero time (0001-01-01) means never saved.
  return Number.isNaN(ms) || ms < 0 ? undefined : new Date(ms);
}

const list = (all: string[]) => {
  const names = [...new Set(all)];
  return names.length > 3
    ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
    : names.join(', ');
};

/**
 * Evidence for `quality-dashboard` from the dashboards a selector finds in Grafana: one of them
 * shows prediction quality beside business metrics. A pure function of what Grafana answered.
 *
 * @internal
 */
export function grafanaSelectorEvidence(
  facts: GrafanaSelectorFacts,
): CollectedEvidence {
  const finds = facts.isTag
    ? `the tag ${facts.selector}`
    : `the selector ${facts.selector}`;
  const fail = (message: string, links: EvidenceLink[]): CollectedEvidence => ({
    checkId: 'quality-dashboard',
    status: 'fail',
    message,
    links,
  });
  const browse = {
    title: `Dashboards in Grafana ${facts.instance}`,
    url: uiLink(
      facts.uiUrl,
      facts.isTag
        ? `/dashboards?tag=${encodeURIComponent(facts.selector)}`
        : '/dashboards',
    ),
  };
  const read = facts.read;
  if (!read) {
    return fail(
      `No dashboard in Grafana ${facts.instance} matches ${finds}; tag the dashboard that shows prediction quality beside business metrics so that it does`,
      [browse],
    );
  }
  const { hit, answer } = read;
  const title = answer?.dashboard?.title ?? hit.title;
  const path = answer?.meta?.url ?? hit.url ?? `/d/${hit.uid}`;
  const links = [
    { title: `Dashboard ${title}`, url: uiLink(facts.uiUrl, path) },
  ];
  if (!answer) {
    return fail(
      `Dashboard "${title}" (${hit.uid}), found by ${finds}, no longer exists in Grafana ${facts.instance}`,
      [browse],
    );
  }
  const observedAt = updatedAt(answer);
  const panels = dataPanels(answer.dashboard);
  const quality = panels.filter(p =>
    namedKeyword(panelText(p), facts.rules.quality),
  );
  const business = panels.filter(p =>
    namedKeyword(panelText(p), facts.rules.business),
  );
  // Beside: a business panel other than a quality panel, not one panel naming both.
  const besideQuality = business.filter(b => quality.some(q => q !== b));
  const others =
    facts.matches.length > 1
      ? `; read 1 of the ${facts.matches.length} dashboards ${finds} finds`
      : '';
  const details = {
    dashboard: hit.uid,
    title,
    matched: facts.matches.length,
    qualityPanels: quality.map(panelName).slice(0, 10),
    businessPanels: business.map(panelName).slice(0, 10),
  };
  if (quality.length === 0) {
    return {
      ...fail(
        `Dashboard "${title}" has no prediction-quality panel: no panel's title or query names ${list(
          [...facts.rules.quality],
        )}${others}`,
        links,
      ),
      observedAt,
      details,
    };
  }
  const qualityNames = list(quality.map(panelName));
  if (facts.rules.requireBusiness && besideQuality.length === 0) {
    return {
      ...fail(
        `Dashboard "${title}" shows prediction quality (${qualityNames}) but no business metric beside it: no other panel names ${list(
          [...facts.rules.business],
        )}${others}`,
        links,
      ),
      observedAt,
      details,
    };
  }
  return {
    checkId: 'quality-dashboard',
    status: 'pass',
    message: `Dashboard "${title}" shows prediction quality (${qualityNames})${
      besideQuality.length > 0
        ? ` beside business metrics (${list(besideQuality.map(panelName))})`
        : ''
    }${others}`,
    observedAt,
    links,
    details,
  };
}

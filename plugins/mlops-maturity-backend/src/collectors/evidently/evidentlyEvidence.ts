import type { CollectedEvidence } from '@mlops-maturity/plugin-mlops-maturity-node';
import type { EvidenceLink } from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  DRIFT_METRICS,
  metricName,
  QUALITY_METRICS,
  qualityPanels,
} from './evidentlyMetrics';
import type {
  EvidentlyDashboard,
  EvidentlyProject,
  EvidentlySeriesResponse,
} from './evidentlyTypes';

/**
 * Whose UI the deep links open: the OSS `evidently ui` or Evidently Cloud, whose routes differ.
 *
 * @internal
 */
export type EvidentlyUi = 'oss' | 'cloud';

/**
 * What the collector knows about one project reference of one instance.
 *
 * @internal
 */
export interface EvidentlyProjectFacts {
  instance: string;
  /** The UI, for deep links. */
  baseUrl: string;
  ui: EvidentlyUi;
  /** The annotation's project: an id or a name. */
  reference: string;
  project?: EvidentlyProject;
  /** The projects named like the reference, when there is more than one. */
  namesakes?: EvidentlyProject[];
  dashboard?: EvidentlyDashboard;
  series?: EvidentlySeriesResponse;
  /**
   * How recently a quality panel must have been fed. The rubric gives `quality-dashboard` no
   * window of its own (a Grafana dashboard's proof is its last edit), so the collector applies
   * this one; drift is aged by the engine against `drift-monitoring`'s window.
   */
  qualityWindowDays: number;
  now: Date;
}

/**
 * The project a reference names: the one with that id, else the only one with that name.
 * Evidently lets projects share a name, so a name that several carry names none of them.
 *
 * @internal
 */
export function findProject(
  projects: readonly EvidentlyProject[],
  reference: string,
): { project?: EvidentlyProject; namesakes?: EvidentlyProject[] } {
  const id = reference.toLowerCase();
  const byId = projects.find(p => String(p.id).toLowerCase() === id);
  if (byId) return { project: byId };
  const named = projects.filter(p => p.name === reference);
  if (named.length === 1) return { project: named[0] };
  return named.length > 1 ? { namesakes: named } : {};
}

const DRIFT = new Set(DRIFT_METRICS);
const DRIFT_NAMES = DRIFT_METRICS.map(metricName);
const QUALITY_EXAMPLES = 'e.g. Accuracy, F1Score, RMSE';
const PREDICTION = /predict|score|output/i;

interface Point {
  type: string;
  params: Record<string, string>;
  snapshotId: string;
  at: Date;
}

/** Evidently writes a report's timestamp without an offset when it was run without one: UTC. */
function parseTimestamp(value: string): Date {
  return new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);
}

/** The points of the series whose type passes `keep`, each with its snapshot. */
function points(
  series: EvidentlySeriesResponse | undefined,
  keep: (type: string) => boolean,
): Point[] {
  const sources = series?.sources ?? [];
  return (series?.series ?? [])
    .filter(s => keep(s.metric_type))
    .flatMap(s =>
      (s.values ?? []).flatMap((value, i) => {
        const source = sources[i];
        if (value === null || value === undefined || !source) return [];
        const at = parseTimestamp(source.timestamp);
        if (Number.isNaN(at.getTime())) return [];
        return [
          {
            type: s.metric_type,
            params: s.params ?? {},
            snapshotId: source.snapshot_id,
            at,
          },
        ];
      }),
    );
}

/** The newest points: those of the newest snapshot among them. */
function newest(all: Point[]): Point[] {
  const latest = Math.max(...all.map(p => p.at.getTime()));
  const snapshotId = all.find(p => p.at.getTime() === latest)!.snapshotId;
  return all.filter(p => p.snapshotId === snapshotId);
}

const DAY_MS = 24 * 60 * 60 * 1000;

const day = (d: Date) => d.toISOString().slice(0, 10);

const list = (items: string[], max = 3) =>
  items.length > max
    ? `${items.slice(0, max).join(', ')}, …`
    : items.join(', ');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function projectLink(f: EvidentlyProjectFacts, p: EvidentlyProject) {
  const id = encodeURIComponent(p.id);
  return {
    title: `${p.name} in Evidently`,
    url:
      f.ui === 'cloud'
        ? `${f.baseUrl}/v2/projects/${id}`
        : `${f.baseUrl}/projects/${id}`,
  };
}

function snapshotLink(
  f: EvidentlyProjectFacts,
  p: EvidentlyProject,
  snapshotId: string,
  title: string,
): EvidenceLink {
  const project = encodeURIComponent(p.id);
  const snapshot = encodeURIComponent(snapshotId);
  return {
    title,
    url:
      f.ui === 'cloud'
        ? `${f.baseUrl}/v2/projects/${project}/explore/${snapshot}`
        : `${f.baseUrl}/projects/${project}/reports/${snapshot}`,
  };
}

function driftEvidence(
  f: EvidentlyProjectFacts,
  p: EvidentlyProject,
): CollectedEvidence {
  const found = points(f.series, t => DRIFT.has(t));
  if (found.length === 0) {
    return {
      checkId: 'drift-monitoring',
      status: 'fail',
      message: `No snapshot of Evidently project "${
        p.name
      }" carries a drift metric (${DRIFT_NAMES.join(
        ', ',
      )}); add a DataDriftPreset or ValueDrift to the reports it uploads`,
      links: [projectLink(f, p)],
    };
  }
  const latest = newest(found);
  const at = latest[0].at;
  const kinds = [...new Set(latest.map(x => metricName(x.type)))].sort();
  // Prediction columns first: their drift is the prediction drift the check asks for.
  const columns = [
    ...new Set(latest.map(x => x.params.column).filter(Boolean)),
  ].sort(
    (a, b) =>
      Number(PREDICTION.test(b)) - Number(PREDICTION.test(a)) ||
      a.localeCompare(b, 'en'),
  );
  const snapshots = new Set(found.map(x => x.snapshotId)).size;
  const measured = kinds
    .map(k =>
      k === 'ValueDrift' && columns.length > 0
        ? `ValueDrift of ${plural(columns.length, 'column')}: ${list(columns)}`
        : k,
    )
    .join('; ');
  return {
    checkId: 'drift-monitoring',
    status: 'pass',
    message: `Evidently project "${p.name}" measured drift on ${day(
      at,
    )} (${measured}); ${plural(snapshots, 'snapshot')} with drift metrics`,
    observedAt: at,
    links: [
      snapshotLink(
        f,
        p,
        latest[0].snapshotId,
        `Newest drift report of ${p.name}`,
      ),
      projectLink(f, p),
    ],
    details: {
      project: p.name,
      projectId: p.id,
      snapshotId: latest[0].snapshotId,
      driftMetrics: kinds,
      columns: columns.slice(0, 20),
      driftSnapshots: snapshots,
    },
  };
}

function qualityEvidence(
  f: EvidentlyProjectFacts,
  p: EvidentlyProject,
): CollectedEvidence {
  const fail = (message: string): CollectedEvidence => ({
    checkId: 'quality-dashboard',
    status: 'fail',
    message,
    links: [projectLink(f, p)],
  });
  const panels = f.dashboard?.panels ?? [];
  const title = (x: { id: string; title?: string }) => x.title || x.id;
  if (panels.length === 0) {
    return fail(
      `The dashboard of Evidently project "${p.name}" has no panels; add panels of prediction quality (${QUALITY_EXAMPLES}) beside the business metrics`,
    );
  }
  const quality = qualityPanels(f.dashboard);
  if (quality.length === 0) {
    return fail(
      `The dashboard of Evidently project "${p.name}" has ${plural(
        panels.length,
        'panel',
      )} (${list(
        panels.map(title),
      )}), none of prediction quality (${QUALITY_EXAMPLES})`,
    );
  }
  const shown = new Set(quality.flatMap(q => q.filters.map(x => x.metric)));
  const described = list(
    quality.map(
      q =>
        `${title(q.panel)}: ${[
          ...new Set(q.filters.map(x => metricName(x.metric))),
        ].join(', ')}`,
    ),
  );
  const fed = points(f.series, t => QUALITY_METRICS.has(t) && shown.has(t));
  if (fed.length === 0) {
    return fail(
      `No snapshot of Evidently project "${p.name}" feeds its quality panels (${described}); upload reports with those metrics`,
    );
  }
  const latest = newest(fed);
  const at = latest[0].at;
  const age = Math.floor((f.now.getTime() - at.getTime()) / DAY_MS);
  if (age > f.qualityWindowDays) {
    return {
      ...fail(
        `No snapshot of Evidently project "${
          p.name
        }" has fed its quality panels (${described}) since ${day(
          at,
        )}, ${age} days ago, older than the ${
          f.qualityWindowDays
        }-day window; upload a report with those metrics`,
      ),
      observedAt: at,
    };
  }
  return {
    checkId: 'quality-dashboard',
    status: 'pass',
    message: `The dashboard of Evidently project "${
      p.name
    }" shows prediction quality in ${plural(quality.length, 'panel')} of ${
      panels.length
    } (${described}), fed on ${day(at)}`,
    observedAt: at,
    links: [
      { ...projectLink(f, p), title: `Dashboard of ${p.name} in Evidently` },
      snapshotLink(
        f,
        p,
        latest[0].snapshotId,
        `Newest quality report of ${p.name}`,
      ),
    ],
    details: {
      project: p.name,
      projectId: p.id,
      snapshotId: latest[0].snapshotId,
      panels: panels.length,
      qualityPanels: quality.map(q => title(q.panel)),
      qualityMetrics: [...shown].map(metricName).sort(),
    },
  };
}

/**
 * Evidence from one Evidently project: `drift-monitoring` (a snapshot carries a drift
 * metric; observedAt is the newest such snapshot, so the engine ages it against the check's
 * window) and `quality-dashboard` (the project's dashboard has panels of prediction quality
 * that snapshots feed; observedAt is the newest feeding snapshot). One item per check, so
 * that a pass and a fail of the same check never compete. A pure function of what Evidently
 * answered.
 *
 * @internal
 */
export function evidentlyProjectEvidence(
  facts: EvidentlyProjectFacts,
): CollectedEvidence[] {
  const checks = ['drift-monitoring', 'quality-dashboard'];
  const p = facts.project;
  if (facts.namesakes && facts.namesakes.length > 1) {
    // A fail, not invalid: what the tool answered, so that it is kept through an outage.
    const ids = facts.namesakes.map(n => n.id).join(', ');
    return checks.map(checkId => ({
      checkId,
      status: 'fail' as const,
      message: `${facts.namesakes!.length} projects in Evidently ${
        facts.instance
      } are named "${
        facts.reference
      }" (${ids}); annotate evidentlyai.com/project-id with the id of the one to check`,
    }));
  }
  if (!p) {
    return checks.map(checkId => ({
      checkId,
      status: 'fail' as const,
      message: `Evidently project "${facts.reference}" does not exist in Evidently ${facts.instance}`,
    }));
  }
  return [driftEvidence(facts, p), qualityEvidence(facts, p)];
}

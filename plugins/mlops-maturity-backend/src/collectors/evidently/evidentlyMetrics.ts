import type {
  EvidentlyDashboard,
  EvidentlyPanel,
  EvidentlySeriesFilter,
} from './evidentlyTypes';

/** The prefix of Evidently 0.7's metric types (`evidently/core/registries/metrics.py`). */
const V2 = 'evidently:metric_v2:';

/**
 * Metric types that measure drift: the `DataDriftPreset`'s `DriftedColumnsCount` and its
 * `ValueDrift` per column (a prediction column's is prediction drift), and `EmbeddingsDrift`.
 *
 * @internal
 */
export const DRIFT_METRICS: readonly string[] = [
  'DriftedColumnsCount',
  'ValueDrift',
  'EmbeddingsDrift',
].map(m => `${V2}${m}`);

/**
 * Metric types of prediction quality: classification, regression and ranking quality against
 * ground truth. The `Dummy*` baselines and data statistics (row counts, means) are not.
 *
 * @internal
 */
export const QUALITY_METRICS: ReadonlySet<string> = new Set(
  [
    'Accuracy',
    'Precision',
    'Recall',
    'F1Score',
    'RocAuc',
    'LogLoss',
    'TPR',
    'TNR',
    'FPR',
    'FNR',
    'F1ByLabel',
    'PrecisionByLabel',
    'RecallByLabel',
    'RocAucByLabel',
    'ClassificationQuality',
    'ClassificationQualityByLabel',
    'MAE',
    'RMSE',
    'MAPE',
    'MeanError',
    'R2Score',
    'AbsMaxError',
    'NDCG',
    'MAP',
    'MRR',
    'HitRate',
    'PrecisionTopK',
    'RecallTopK',
    'FBetaTopK',
  ].map(m => `${V2}${m}`),
);

/**
 * A metric type as a person reads it: `evidently:metric_v2:ValueDrift` is `ValueDrift`.
 *
 * @internal
 */
export const metricName = (type: string) =>
  type.slice(type.lastIndexOf(':') + 1);

/** A panel's metric type; panels may name it without the prefix, as the SDK accepts. */
const fullType = (metric: string) =>
  metric.includes(':') ? metric : `${V2}${metric}`;

/**
 * The panels of a dashboard that draw prediction quality, each with its quality series.
 *
 * @internal
 */
export function qualityPanels(
  dashboard: EvidentlyDashboard | undefined,
): Array<{ panel: EvidentlyPanel; filters: EvidentlySeriesFilter[] }> {
  return (dashboard?.panels ?? []).flatMap(panel => {
    const filters = (panel.values ?? [])
      .filter(v => QUALITY_METRICS.has(fullType(v.metric)))
      .map(v => ({
        tags: v.tags ?? [],
        metadata: v.metadata ?? {},
        metric: fullType(v.metric),
        metric_labels: v.metric_labels ?? {},
      }));
    return filters.length > 0 ? [{ panel, filters }] : [];
  });
}

/**
 * What to ask `data_series_batch` for, in one request: every drift metric of any snapshot,
 * and each quality series exactly as the dashboard's panels filter it (their tags, metadata
 * and labels), so that "fed" means what the panel shows has points.
 *
 * @internal
 */
export function seriesFilters(
  dashboard: EvidentlyDashboard | undefined,
): EvidentlySeriesFilter[] {
  const filters: EvidentlySeriesFilter[] = DRIFT_METRICS.map(metric => ({
    tags: [],
    metadata: {},
    metric,
    metric_labels: {},
  }));
  const seen = new Set<string>();
  for (const f of qualityPanels(dashboard).flatMap(p => p.filters)) {
    const key = JSON.stringify(f);
    if (seen.has(key)) continue;
    seen.add(key);
    filters.push(f);
  }
  return filters;
}

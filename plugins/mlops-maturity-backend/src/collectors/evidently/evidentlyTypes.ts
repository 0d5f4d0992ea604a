/**
 * The parts of Evidently's answers the collector reads: the OSS UI service (`evidently ui`,
 * 0.7) and Evidently Cloud share these routes (`evidently/ui/service/api/projects.py`).
 */

/** An item of `GET /api/projects`. */
export interface EvidentlyProject {
  id: string;
  name: string;
  description?: string | null;
}

/** One series a panel draws: a metric type and the tags, metadata and labels it is filtered by. */
export interface EvidentlyPanelMetric {
  /** E.g. `evidently:metric_v2:Accuracy`. */
  metric: string;
  tags?: string[];
  metadata?: Record<string, string>;
  metric_labels?: Record<string, string>;
  legend?: string | null;
}

export interface EvidentlyPanel {
  id: string;
  title?: string;
  values?: EvidentlyPanelMetric[];
  plot_params?: { plot_type?: string };
}

/** `GET /api/v2/dashboards/{project_id}`: an empty dashboard has no tabs and no panels. */
export interface EvidentlyDashboard {
  tabs?: Array<{ id: string; title?: string | null; panels?: string[] }>;
  panels?: EvidentlyPanel[];
}

/** An item of the `series_filter` of `POST /api/v2/snapshots/{project_id}/data_series_batch`. */
export interface EvidentlySeriesFilter {
  tags: string[];
  metadata: Record<string, string>;
  metric: string;
  metric_labels: Record<string, string>;
}

/**
 * The answer of `data_series_batch`: the snapshots with a matching point, oldest first, and
 * per series its values, where `values[i]` is the point of `sources[i]` (null: none there).
 */
export interface EvidentlySeriesResponse {
  sources?: Array<{
    snapshot_id: string;
    /** ISO 8601; naive (no offset) when the report was run without a timestamp. */
    timestamp: string;
    tags?: string[];
    metadata?: Record<string, string>;
  }>;
  series?: Array<{
    metric_type: string;
    filter_index?: number;
    /** The metric's labels, e.g. `column` of a ValueDrift. */
    params?: Record<string, string>;
    values?: Array<number | null>;
  }>;
}

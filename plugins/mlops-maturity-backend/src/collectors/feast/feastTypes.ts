/**
 * The parts of the Feast registry REST server's answers (`feast serve_registry --rest-api`,
 * routes under `/api/v1`) that the collector reads. Objects are protobuf messages as JSON
 * (camelCase, timestamps as RFC 3339 strings); proto3 leaves out default values, so a field
 * that is false, empty or zero is absent.
 */

/** The `pagination` object of a listing; empty for an empty listing. */
export interface FeastPagination {
  page?: number;
  limit?: number;
  totalCount?: number;
  totalPages?: number;
  hasNext?: boolean;
  hasPrevious?: boolean;
}

/** `GET /projects`: `{ projects, pagination }`, or `{ error }` with HTTP 200 when listing failed. */
export interface FeastProject {
  spec?: { name?: string; description?: string };
  meta?: { createdTimestamp?: string; lastUpdatedTimestamp?: string };
}

/** One feature view a feature service serves (`FeatureViewProjection`). */
export interface FeastFeatureViewProjection {
  featureViewName?: string;
  featureViewNameAlias?: string;
  featureColumns?: Array<{ name?: string }>;
  /** Not reliable: `featureView` for on-demand views too. */
  viewType?: string;
}

/** `GET /feature_services?project=`: `featureServices[]`. */
export interface FeastFeatureService {
  spec?: {
    name?: string;
    project?: string;
    features?: FeastFeatureViewProjection[];
    description?: string;
    owner?: string;
  };
  meta?: { createdTimestamp?: string; lastUpdatedTimestamp?: string };
}

/** `FeatureViewMeta.materialization_intervals`: the data interval each materialisation loaded. */
export interface FeastMaterializationInterval {
  startTime?: string;
  endTime?: string;
}

/** A source of an on-demand feature view: another view, or request data. */
export interface FeastOnDemandSource {
  featureView?: { spec?: { name?: string } };
  featureViewProjection?: FeastFeatureViewProjection;
  requestDataSource?: { name?: string };
}

/**
 * `GET /feature_views?project=`: `featureViews[]` of every kind, each with its `type`
 * (`featureView`, `onDemandFeatureView`, `streamFeatureView`, …).
 */
export interface FeastFeatureView {
  type?: string;
  spec?: {
    name?: string;
    /** Absent means false: the view is offline only. */
    online?: boolean;
    /** On-demand views: what they are computed from. */
    sources?: Record<string, FeastOnDemandSource>;
  };
  meta?: {
    createdTimestamp?: string;
    lastUpdatedTimestamp?: string;
    materializationIntervals?: FeastMaterializationInterval[];
    /** e.g. `AVAILABLE_ONLINE`, `MATERIALIZING` (newer Feast). */
    state?: string;
  };
}

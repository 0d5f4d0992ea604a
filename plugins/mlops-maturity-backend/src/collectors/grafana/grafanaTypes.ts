/**
 * The parts of Grafana's HTTP API answers the collector reads: `GET /api/search` hits and
 * `GET /api/dashboards/uid/:uid` (the dashboard model and its `meta`).
 */

/** One hit of `GET /api/search?type=dash-db`; selector expressions are evaluated over it. */
export interface GrafanaSearchHit {
  id?: number;
  uid: string;
  title: string;
  /** The dashboard's path in the UI, e.g. `/d/cIBgcSjkk/production-overview`. */
  url?: string;
  type?: string;
  tags?: string[];
  isStarred?: boolean;
  folderId?: number;
  folderUid?: string;
  folderTitle?: string;
  folderUrl?: string;
  [field: string]: unknown;
}

/** A panel query; which fields it has depends on the data source (`expr`, `rawSql`, `target`, ...). */
export type GrafanaTarget = Record<string, unknown>;

export interface GrafanaPanel {
  id?: number;
  type?: string;
  title?: string;
  description?: string;
  targets?: GrafanaTarget[];
  /** The panels of a collapsed row. */
  panels?: GrafanaPanel[];
  /** A library panel, stored by reference. */
  libraryPanel?: { uid?: string; name?: string };
}

export interface GrafanaDashboardAnswer {
  dashboard?: {
    uid?: string;
    title?: string;
    tags?: string[];
    panels?: GrafanaPanel[];
    /** Dashboards of schema versions before 16 keep their panels in rows. */
    rows?: Array<{ title?: string; panels?: GrafanaPanel[] }>;
  };
  meta?: {
    url?: string;
    slug?: string;
    /** When the dashboard was last saved (RFC 3339). */
    updated?: string;
    created?: string;
    updatedBy?: string;
    folderTitle?: string;
    provisioned?: boolean;
  };
}

/** The parts of MLflow's REST answers the collector reads (MLflow 2.x and 3.x). */

export interface MlflowTag {
  key: string;
  value: string;
}

export interface MlflowRegisteredModel {
  name: string;
  creation_timestamp?: number | string;
  last_updated_timestamp?: number | string;
  tags?: MlflowTag[];
  aliases?: Array<{ alias: string; version: string }>;
}

export interface MlflowModelVersion {
  name: string;
  version: string;
  creation_timestamp?: number | string;
  last_updated_timestamp?: number | string;
  current_stage?: string;
  status?: string;
  run_id?: string;
  tags?: MlflowTag[];
  aliases?: string[];
  /** MLflow 3. */
  model_metrics?: Array<{ key: string; value: number }>;
}

export interface MlflowRun {
  info?: {
    run_id?: string;
    status?: string;
    start_time?: number | string;
    end_time?: number | string;
  };
  data?: { metrics?: Array<{ key: string; value: number }> };
}

/** The parts of Prometheus's HTTP API answers (v1, Prometheus 2.x and 3.x) the collector reads. */

/** One rule of `GET /api/v1/rules`; alerting rules carry `type: 'alerting'`. */
export interface PrometheusRule {
  name: string;
  /** The rule's expression, as Prometheus prints it back. */
  query: string;
  type?: 'alerting' | 'recording';
  labels?: Record<string, string>;
  /** `err` when the last evaluation failed; `unknown` before the first one. */
  health?: 'ok' | 'err' | 'unknown';
  lastError?: string;
  state?: 'inactive' | 'pending' | 'firing';
}

export interface PrometheusRuleGroup {
  name: string;
  file?: string;
  rules?: PrometheusRule[];
}

/** `GET /api/v1/rules?type=alert`. */
export interface PrometheusRulesAnswer {
  status?: string;
  data?: { groups?: PrometheusRuleGroup[] };
}

/** One series of an instant vector: its labels and `[evaluation time, value]` in seconds. */
export interface PrometheusSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** `GET /api/v1/query`, and the body of its 400/422 answers (`bad_data`, `execution`). */
export interface PrometheusQueryAnswer {
  status?: string;
  data?: { resultType?: string; result?: unknown };
  errorType?: string;
  error?: string;
}

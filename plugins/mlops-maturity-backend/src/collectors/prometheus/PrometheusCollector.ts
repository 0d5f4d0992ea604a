import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { MLOPS_ANNOTATIONS } from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  buildToolInstances,
  CollectedEvidence,
  CollectOptions,
  CollectorInstance,
  EvidenceRequest,
  InstanceCollector,
  InstanceReference,
  ToolReference,
  ToolResponseError,
  ToolUnavailableError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import {
  MAX_QUERIES,
  QueryAnswer,
  servingLoggingEvidence,
} from './prometheusEvidence';
import {
  lastSeenQuery,
  ruleQuery,
  scanQuery,
  SERIES_NAME_LABEL,
} from './promql';
import type {
  PrometheusQueryAnswer,
  PrometheusRule,
  PrometheusRulesAnswer,
  PrometheusSample,
} from './prometheusTypes';

interface Instance extends CollectorInstance {
  /** Prometheus's web UI, for links; the API's base URL unless it is elsewhere. */
  uiUrl: string;
}

/** The instance's alerting rules. */
type Listing = PrometheusRule[];

/** An entity's references to one instance for one check, answered as one. */
interface GroupedReference extends ToolReference {
  references: ToolReference[];
}

/** Prometheus's answer to a query it cannot run: 400 `bad_data` or 422 `execution`. */
function queryError(error: unknown): string | undefined {
  if (!(error instanceof ToolResponseError)) return undefined;
  if (error.status !== 400 && error.status !== 422) return undefined;
  const body = error.body as PrometheusQueryAnswer | undefined;
  if (body?.errorType !== 'bad_data' && body?.errorType !== 'execution') {
    return undefined;
  }
  const message = String(body.error ?? body.errorType)
    .replace(/^invalid parameter "query": /, '')
    // Positions count from the collector's wrapping of the query, not the annotation's.
    .replace(/^\d+:\d+: /, '');
  const got = /in call to function "label_replace", got (.+)$/.exec(message);
  return got ? `it returns a ${got[1]}, not series` : message;
}

/**
 * Evidence from Prometheus (HTTP API v1; also what Thanos, Mimir and VictoriaMetrics serve) for
 * `serving-logging`: each `prometheus.io/rule` query has series with samples in the last day
 * (one instant query each, at most {@link MAX_QUERIES} per entity), and the
 * `prometheus.io/alert` alerting rules are loaded and evaluate (`/api/v1/rules`, listed once
 * per run and instance). An entity's references to an instance are answered together, as one
 * evidence item, because the check needs both and any pass of a source wins.
 *
 * @internal
 */
export class PrometheusCollector extends InstanceCollector<Instance, Listing> {
  readonly id = 'prometheus';

  /** Undefined when no Prometheus instance is configured. */
  static fromConfig(
    config: Config,
    _logger: LoggerService,
  ): PrometheusCollector | undefined {
    const instances = buildToolInstances(
      config,
      'prometheus',
      'Prometheus',
      (i, client) => ({
        ...i,
        uiUrl:
          i.config.getOptionalString('uiUrl')?.replace(/\/+$/, '') ?? i.baseUrl,
        client: client(),
      }),
    );
    return instances && new PrometheusCollector(instances);
  }

  collect(
    requests: readonly EvidenceRequest[],
    options: CollectOptions,
  ): Promise<Map<string, CollectedEvidence[]>> {
    return super.collect(
      requests.map(request => ({
        ...request,
        references: grouped(request.references),
      })),
      options,
    );
  }

  protected async evidenceFor(
    reference: InstanceReference<Instance, Listing>,
  ): Promise<CollectedEvidence[]> {
    const { ref, request, instance, listing, signal } = reference;
    const references = (ref as GroupedReference).references ?? [ref];
    const ids = (annotation: string) => [
      ...new Set(
        references.filter(r => r.annotation === annotation).map(r => r.id),
      ),
    ];
    const ruleItems = ids(MLOPS_ANNOTATIONS.prometheusRule);
    const alertNames = ids(MLOPS_ANNOTATIONS.prometheusAlert);
    const facts = {
      checkId: ref.checkId,
      instance: instance.name,
      uiUrl: instance.uiUrl,
      entityName: request.entityRef.slice(request.entityRef.indexOf('/') + 1),
      ruleItems,
      alertNames,
    };
    if (ruleItems.length === 0 || alertNames.length === 0) {
      // Either half alone fails without asking: the check needs both.
      return [servingLoggingEvidence({ ...facts, answers: [] })];
    }
    const [rules, answers] = await Promise.all([
      listing(),
      Promise.all(
        ruleItems
          .slice(0, MAX_QUERIES)
          .map(item => this.#lastSeen(instance, ruleQuery(item).query, signal)),
      ),
    ]);
    return [servingLoggingEvidence({ ...facts, answers, rules })];
  }

  protected async list(
    instance: Instance,
    signal?: AbortSignal,
  ): Promise<Listing> {
    const answer = await instance.client.getJson<PrometheusRulesAnswer>(
      '/api/v1/rules',
      // exclude_alerts (Prometheus 2.49+) leaves out the active alerts; older servers ignore it.
      { type: 'alert', exclude_alerts: 'true' },
      signal,
    );
    const groups = answer?.data?.groups;
    if (!Array.isArray(groups)) {
      throw new ToolUnavailableError(
        `Prometheus instance "${instance.name}" answered /api/v1/rules without rule groups`,
      );
    }
    return groups.flatMap(g =>
      (g.rules ?? []).filter(
        r => r.type === undefined || r.type === 'alerting',
      ),
    );
  }

  /** When each series of the query was last seen, or why Prometheus refuses the query. */
  async #lastSeen(
    instance: Instance,
    query: string,
    signal?: AbortSignal,
  ): Promise<QueryAnswer> {
    const { code, problem } = scanQuery(query);
    if (problem) return { error: problem };
    let answer: PrometheusQueryAnswer;
    try {
      answer = await instance.client.getJson<PrometheusQueryAnswer>(
        '/api/v1/query',
        { query: lastSeenQuery(code) },
        signal,
      );
    } catch (error) {
      const refused = queryError(error);
      if (refused !== undefined) return { error: refused };
      throw error;
    }
    const result = answer?.data?.result;
    if (answer?.data?.resultType !== 'vector' || !Array.isArray(result)) {
      throw new ToolUnavailableError(
        `Prometheus instance "${instance.name}" answered a query without an instant vector`,
      );
    }
    const samples = result as PrometheusSample[];
    return {
      at: samples.length
        ? new Date(Number(samples[0].value[0]) * 1000)
        : new Date(),
      series: samples.map(s => ({
        name: seriesName(s.metric),
        lastSeen: new Date(Number(s.value[1]) * 1000),
      })),
    };
  }
}

/** `name{label="value",…}` of a series as the last-seen query labels it. */
function seriesName(metric: Record<string, string>): string {
  const { [SERIES_NAME_LABEL]: name = '', ...labels } = metric;
  const pairs = Object.entries(labels).map(
    ([k, v]) => `${k}=${JSON.stringify(v)}`,
  );
  return `${name}{${pairs.join(',')}}`;
}

/** One reference per instance and check, holding the entity's references to it. */
function grouped(references: readonly ToolReference[]): GroupedReference[] {
  const groups = new Map<string, GroupedReference>();
  for (const ref of references) {
    const key = `${ref.instance}\u0000${ref.checkId}`;
    const group = groups.get(key);
    if (group) group.references.push(ref);
    else groups.set(key, { ...ref, references: [ref] });
  }
  return [...groups.values()];
}

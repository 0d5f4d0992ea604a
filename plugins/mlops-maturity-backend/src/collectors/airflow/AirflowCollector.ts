import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  authorizationHeader,
  buildToolInstances,
  CollectedEvidence,
  CollectorInstance,
  InstanceCollector,
  InstanceReference,
  ToolInstance,
  ToolResponseError,
  ToolUnavailableError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import { airflowDagEvidence } from './airflowEvidence';
import type {
  AirflowAssetEvent,
  AirflowDag,
  AirflowDagRun,
} from './airflowTypes';

const PAGE = 100;
const RUNS = 25;

type ApiVersion = 'v1' | 'v2';

interface Instance extends CollectorInstance {
  version: () => Promise<ApiVersion>;
}

type Listing = Map<string, AirflowDag>;

/**
 * Signs in to an Airflow instance: a static token, a JWT from `POST /auth/token` (Airflow 3),
 * or HTTP Basic (Airflow 2). Which API the instance speaks is found out once.
 */
class AirflowAuth {
  #version?: Promise<ApiVersion>;
  #jwt?: { token: string; expiresAt: number };

  constructor(
    private readonly instance: ToolInstance,
    private readonly timeoutMs: number,
  ) {}

  version(): Promise<ApiVersion> {
    const configured = this.instance.config.getOptionalString('apiVersion');
    if (configured === 'v1' || configured === 'v2')
      return Promise.resolve(configured);
    this.#version ??= this.#detect().catch(error => {
      this.#version = undefined;
      throw error;
    });
    return this.#version;
  }

  async headers(): Promise<Record<string, string>> {
    const { token, username, password } = this.instance;
    if (
      token ||
      username === undefined ||
      password === undefined ||
      (await this.version()) === 'v1'
    ) {
      return authorizationHeader(this.instance);
    }
    if (!this.#jwt || Date.now() > this.#jwt.expiresAt - 60_000) {
      this.#jwt = await this.#signIn(username, password);
    }
    return { Authorization: `Bearer ${this.#jwt.token}` };
  }

  /**
   * Airflow 2 has no API v2 (404); Airflow 3 answers its version, or asks for credentials.
   * Any other answer decides nothing, and the next request asks again.
   */
  async #detect(): Promise<ApiVersion> {
    const res = await this.#fetch('/api/v2/version', { method: 'GET' });
    await res.body?.cancel();
    if (res.status === 404) return 'v1';
    if (res.ok || res.status === 401 || res.status === 403) return 'v2';
    throw new ToolUnavailableError(
      `Airflow instance "${this.instance.name}" could not be asked: its API version is unknown (HTTP ${res.status} from /api/v2/version)`,
    );
  }

  async #signIn(username: string, password: string) {
    const res = await this.#fetch('/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new ToolUnavailableError(
        `Airflow instance "${this.instance.name}" could not be asked: sign-in rejected (HTTP ${res.status})`,
      );
    }
    const token = (await res.json())?.access_token;
    if (typeof token !== 'string') {
      throw new ToolUnavailableError(
        `Airflow instance "${this.instance.name}" gave no access token`,
      );
    }
    let expiresAt = Date.now() + 60 * 60_000;
    try {
      const exp = JSON.parse(
        Buffer.from(token.split('.')[1], 'base64url').toString(),
      ).exp;
      if (typeof exp === 'number') expiresAt = exp * 1000;
    } catch {
      // An opaque token: use it for an hour.
    }
    return { token, expiresAt };
  }

  async #fetch(path: string, init: RequestInit) {
    try {
      return await fetch(`${this.instance.baseUrl}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ToolUnavailableError(
        `Airflow instance "${this.instance.name}" could not be asked: ${
          (error as any)?.name === 'TimeoutError'
            ? `no answer within ${this.timeoutMs / 1000} s`
            : `cannot connect (${
                (error as any)?.cause?.code ?? 'network error'
              })`
        }`,
      );
    }
  }
}

/**
 * Evidence from Apache Airflow (REST API v2 with token auth for Airflow 3, v1 for Airflow 2):
 * DAGs are listed once per run and instance; each referenced DAG's recent runs are read once.
 *
 * @internal
 */
export class AirflowCollector extends InstanceCollector<Instance, Listing> {
  readonly id = 'airflow';

  /** Undefined when no Airflow instance is configured. */
  static fromConfig(
    config: Config,
    _logger: LoggerService,
  ): AirflowCollector | undefined {
    const instances = buildToolInstances(
      config,
      'airflow',
      'Airflow',
      (i, client) => {
        const timeoutMs = i.timeoutMs ?? 10_000;
        const auth = new AirflowAuth(i, timeoutMs);
        return {
          ...i,
          version: () => auth.version(),
          client: client({ headers: () => auth.headers(), timeoutMs }),
        };
      },
    );
    return instances && new AirflowCollector(instances);
  }

  protected async evidenceFor(
    reference: InstanceReference<Instance, Listing>,
  ): Promise<CollectedEvidence[]> {
    const { ref, request, instance, listing, signal } = reference;
    const version = await instance.version();
    const dags = await listing();
    const dag = dags.get(ref.id);
    const base = {
      instance: instance.name,
      baseUrl: instance.baseUrl,
      apiVersion: version,
      dagId: ref.id,
      dag,
      dagsById: dags,
    };
    if (!dag) return airflowDagEvidence({ ...base, runs: [] });
    const runs = await this.#runs(instance, version, ref.id, signal);
    let upstreamEvents: AirflowAssetEvent[] | undefined;
    if (request.facts.retrainCadence?.kind === 'on-drift') {
      const triggered = runs.find(
        r =>
          r.state === 'success' &&
          (r.run_type === 'asset_triggered' ||
            r.run_type === 'dataset_triggered'),
      );
      upstreamEvents = triggered
        ? await this.#upstreamEvents(
            instance,
            version,
            ref.id,
            triggered.dag_run_id,
            signal,
          )
        : [];
    }
    return airflowDagEvidence({ ...base, runs, upstreamEvents });
  }

  protected async list(
    instance: Instance,
    signal?: AbortSignal,
  ): Promise<Listing> {
    const version = await instance.version();
    const dags: Listing = new Map();
    for (let offset = 0; ; offset += PAGE) {
      const page = await instance.client.getJson<{
        dags?: AirflowDag[];
        total_entries?: number;
      }>(`/api/${version}/dags`, { limit: PAGE, offset }, signal);
      for (const dag of page.dags ?? []) dags.set(dag.dag_id, dag);
      if (!page.dags?.length || offset + PAGE >= (page.total_entries ?? 0))
        break;
    }
    return dags;
  }

  async #runs(
    instance: Instance,
    version: ApiVersion,
    dagId: string,
    signal?: AbortSignal,
  ): Promise<AirflowDagRun[]> {
    try {
      const answer = await instance.client.getJson<{
        dag_runs?: AirflowDagRun[];
      }>(
        `/api/${version}/dags/${encodeURIComponent(dagId)}/dagRuns`,
        {
          limit: RUNS,
          order_by: version === 'v2' ? '-run_after' : '-execution_date',
        },
        signal,
      );
      return answer.dag_runs ?? [];
    } catch (error) {
      if (error instanceof ToolResponseError && error.status === 404) return [];
      throw error;
    }
  }

  async #upstreamEvents(
    instance: Instance,
    version: ApiVersion,
    dagId: string,
    runId: string,
    signal?: AbortSignal,
  ): Promise<AirflowAssetEvent[]> {
    const path = `/api/${version}/dags/${encodeURIComponent(
      dagId,
    )}/dagRuns/${encodeURIComponent(runId)}/${
      version === 'v2' ? 'upstreamAssetEvents' : 'upstreamDatasetEvents'
    }`;
    const answer = await instance.client.getJson<{
      asset_events?: AirflowAssetEvent[];
      dataset_events?: AirflowAssetEvent[];
    }>(path, undefined, signal);
    return answer.asset_events ?? answer.dataset_events ?? [];
  }
}

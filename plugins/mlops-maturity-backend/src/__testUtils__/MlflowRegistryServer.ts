import type http from 'node:http';
import { LocalHttpServer } from './LocalHttpServer';

const API = '/api/2.0/mlflow';

/** The paths of MLflow's REST API that the collector asks. */
export const MLFLOW_PATHS = {
  models: `${API}/registered-models/search`,
  versions: `${API}/model-versions/search`,
  run: `${API}/runs/get`,
  runs: `${API}/runs/search`,
  experiments: `${API}/experiments/search`,
} as const;

/** A finished run with an `auc`, as MLflow answers it. */
const runOf = (runId: string) => ({
  info: { run_id: runId, status: 'FINISHED' },
  data: { metrics: [{ key: 'auc', value: 0.91 }] },
});

/**
 * MLflow's registry API as an MLflow 2 server answers it for the given registered models: each
 * has one READY version 1 whose run logged an `auc`, so the collector lists the registry once
 * per run and reads the models' runs (one `runs/get` each, or one `runs/search` for a batch of
 * them). It counts the requests by path and can hold the run requests that `hold` picks until
 * {@link MlflowRegistryServer.release}, so that a test knows where an assessment run is and can
 * stop it there.
 */
export class MlflowRegistryServer extends LocalHttpServer {
  readonly #models: readonly string[];
  readonly #requests: string[] = [];
  readonly #held: Array<() => void> = [];
  /**
   * Whether to hold this request for runs (`runs/get` or `runs/search`), given the run ids it
   * asks for (runs are named `run-<model>`).
   */
  hold?: (runIds: string[]) => boolean;

  constructor(models: readonly string[]) {
    super();
    this.#models = models;
  }

  /** Requests received for this path so far. */
  count(path: string): number {
    return this.#requests.filter(p => p === path).length;
  }

  /** How many run requests are held now. */
  get held(): number {
    return this.#held.length;
  }

  /** Answers every held request and holds no more. */
  release(): void {
    this.hold = undefined;
    for (const answer of this.#held.splice(0)) answer();
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://mlflow');
    this.#requests.push(url.pathname);
    const send = (body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    switch (url.pathname) {
      case MLFLOW_PATHS.models:
        send({ registered_models: this.#models.map(name => ({ name })) });
        return;
      case MLFLOW_PATHS.versions:
        send({
          model_versions: this.#models.map(name => ({
            name,
            version: '1',
            status: 'READY',
            run_id: `run-${name}`,
          })),
        });
        return;
      case MLFLOW_PATHS.experiments:
        send({ experiments: [{ experiment_id: '0' }] });
        return;
      case MLFLOW_PATHS.run: {
        const runId = url.searchParams.get('run_id') ?? '';
        this.#answerRuns([runId], () => send({ run: runOf(runId) }));
        return;
      }
      case MLFLOW_PATHS.runs: {
        let body = '';
        req.on('data', chunk => {
          body += chunk;
        });
        req.on('end', () => {
          // attributes.run_id IN ('run-a','run-b')
          const filter = String(JSON.parse(body || '{}').filter ?? '');
          const ids = [...filter.matchAll(/'([^']*)'/g)].map(m => m[1]);
          const runs = ids
            .filter(id => this.#models.some(name => `run-${name}` === id))
            .map(runOf);
          this.#answerRuns(ids, () => send({ runs }));
        });
        return;
      }
      default:
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error_code":"ENDPOINT_NOT_FOUND"}');
    }
  }

  #answerRuns(runIds: string[], answer: () => void) {
    if (this.hold?.(runIds)) this.#held.push(answer);
    else answer();
  }
}

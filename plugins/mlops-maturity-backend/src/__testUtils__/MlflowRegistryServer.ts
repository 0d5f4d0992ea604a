import type http from 'node:http';
import { LocalHttpServer } from './LocalHttpServer';

const API = '/api/2.0/mlflow';

/** The paths of MLflow's REST API that the collector asks. */
export const MLFLOW_PATHS = {
  models: `${API}/registered-models/search`,
  versions: `${API}/model-versions/search`,
  run: `${API}/runs/get`,
} as const;

/**
 * MLflow's registry API as an MLflow 2 server answers it for the given registered models: each
 * has one READY version 1 whose run logged an `auc`, so the collector lists the registry once
 * per run and reads one run per model. It counts the requests by path and can hold the run
 * requests that `hold` picks until {@link MlflowRegistryServer.release}, so that a test knows
 * where an assessment run is and can stop it there.
 */
export class MlflowRegistryServer extends LocalHttpServer {
  readonly #models: readonly string[];
  readonly #requests: string[] = [];
  readonly #held: Array<() => void> = [];
  /** Whether to hold the request for this run (called once per run request, in order). */
  hold?: (runId: string) => boolean;

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
      case MLFLOW_PATHS.run: {
        const runId = url.searchParams.get('run_id') ?? '';
        const answer = () =>
          send({
            run: {
              info: { run_id: runId, status: 'FINISHED' },
              data: { metrics: [{ key: 'auc', value: 0.91 }] },
            },
          });
        if (this.hold?.(runId)) this.#held.push(answer);
        else answer();
        return;
      }
      default:
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error_code":"ENDPOINT_NOT_FOUND"}');
    }
  }
}

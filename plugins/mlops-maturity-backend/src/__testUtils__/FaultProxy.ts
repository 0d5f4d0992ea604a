import http from 'node:http';
import { LocalHttpServer } from './LocalHttpServer';

/** What the proxy does with the next requests. */
export type Fault =
  | 'none'
  | 'slow'
  | 'http-500'
  | 'malformed-json'
  | 'reject-credentials';

/**
 * An HTTP proxy on 127.0.0.1 in front of a real tool server. It forwards requests unchanged,
 * or injects a fault, so that collectors meet real answers and real failures.
 */
export class FaultProxy extends LocalHttpServer {
  fault: Fault = 'none';
  /** Every request's method and path, in the order they came. */
  readonly requests: string[] = [];
  readonly #target: URL;

  constructor(target: string) {
    super();
    this.#target = new URL(target);
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const target = this.#target;
    this.requests.push(
      `${req.method} ${new URL(req.url ?? '/', target).pathname}`,
    );
    if (this.fault === 'slow') return; // never answers; the client times out
    if (this.fault === 'http-500') {
      res.statusCode = 500;
      res.end('{"error_code":"INTERNAL_ERROR"}');
      return;
    }
    if (this.fault === 'malformed-json') {
      res.setHeader('content-type', 'application/json');
      res.end('{"registered_models": [');
      return;
    }
    if (this.fault === 'reject-credentials') {
      res.statusCode = 401;
      res.end();
      return;
    }
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  }
}

import http from 'node:http';
import { LocalHttpServer } from '../../../__testUtils__/LocalHttpServer';

/** What the replay was asked: one GraphQL operation. */
export interface GraphqlRequest {
  operationName: string;
  variables: Record<string, any>;
  headers: http.IncomingHttpHeaders;
}

/** An answer to one operation: the GraphQL body (`{ data }` or `{ errors }`), with its status. */
export interface GraphqlReply {
  status?: number;
  body: unknown;
}

type Route = GraphqlReply | ((variables: Record<string, any>) => GraphqlReply);

/**
 * A local HTTP server on 127.0.0.1 that answers `POST /graphql` as W&B does, by operation
 * name, from the fixtures in `../__fixtures__` (see the README there). An operation without a
 * route is answered 501, which no test expects.
 */
export class WandbReplay extends LocalHttpServer {
  readonly requests: GraphqlRequest[] = [];

  constructor(public routes: Record<string, Route>) {
    super();
  }

  /** How many times an operation was asked. */
  count(operationName: string): number {
    return this.requests.filter(r => r.operationName === operationName).length;
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      let body: { operationName?: string; query?: string; variables?: any };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = {};
      }
      const operationName =
        body.operationName ??
        /\b(?:query|mutation)\s+(\w+)/.exec(body.query ?? '')?.[1] ??
        '';
      const variables = body.variables ?? {};
      this.requests.push({ operationName, variables, headers: req.headers });
      const route = this.routes[operationName];
      const reply = typeof route === 'function' ? route(variables) : route;
      if (!reply || req.method !== 'POST' || req.url !== '/graphql') {
        res.statusCode = 501;
        res.end(`no recording for ${req.method} ${req.url} ${operationName}`);
        return;
      }
      res.statusCode = reply.status ?? 200;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(reply.body));
    });
  }
}

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { LocalHttpServer } from '../../../__testUtils__/LocalHttpServer';

/** One recorded answer of the GitHub API. */
export interface Recorded {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

const FIXTURES = path.resolve(__dirname, '../__fixtures__');

/** Headers of the recording that describe its transfer, not its content; the replay sets its own. */
const TRANSFER = new Set([
  'content-encoding',
  'transfer-encoding',
  'content-length',
  'connection',
  'status',
]);

/**
 * Reads one interaction of a PyGithub ReplayData file (see `__fixtures__/README.md`): per
 * interaction the lines protocol, verb, host, port, path, request headers, request body,
 * status, response headers (a Python list of pairs) and body, then an empty line.
 */
export function recorded(file: string, index = 0): Recorded {
  const lines = fs.readFileSync(path.join(FIXTURES, file), 'utf8').split('\n');
  const interactions: Recorded[] = [];
  for (let i = 0; i + 9 < lines.length; ) {
    if (lines[i] === '') {
      i++;
      continue;
    }
    const headers = [
      ...lines[i + 8].matchAll(
        /\(\s*(?:'([^']*)'|"([^"]*)")\s*,\s*(?:'([^']*)'|"([^"]*)")\s*\)/g,
      ),
    ].map(m => [m[1] ?? m[2], m[3] ?? m[4]] as [string, string]);
    interactions.push({
      status: Number(lines[i + 7]),
      headers,
      body: lines[i + 9],
    });
    i += 10;
  }
  const found = interactions[index];
  if (!found) throw new Error(`${file} has no interaction ${index}`);
  return found;
}

/** A recorded answer body whose source shows its status but no headers. */
export function recordedBody(file: string, status: number): Recorded {
  return {
    status,
    headers: [['Content-Type', 'application/json; charset=utf-8']],
    body: fs.readFileSync(path.join(FIXTURES, file), 'utf8'),
  };
}

/** A recording with its JSON body changed (for a scenario; each change is listed in the README). */
export function editJson(rec: Recorded, edit: (body: any) => any): Recorded {
  const body = JSON.parse(rec.body);
  return { ...rec, body: JSON.stringify(edit(body) ?? body) };
}

/** A recording with a header added (for a scenario; listed in the README). */
export function withHeader(
  rec: Recorded,
  name: string,
  value: string,
): Recorded {
  return { ...rec, headers: [...rec.headers, [name, value]] };
}

/** What the replay server was asked. */
export interface ReplayRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

type Route = Recorded | ((query: URLSearchParams) => Recorded);

/**
 * A local HTTP server on 127.0.0.1 that answers GitHub API paths with recorded answers, so that
 * the collector does real HTTP against what GitHub really sent. A path without a recording is
 * answered 501, which no test expects.
 */
export class GithubReplay extends LocalHttpServer {
  readonly requests: ReplayRequest[] = [];

  constructor(public routes: Record<string, Route>) {
    super();
  }

  /** How many requests asked for a path (any query). */
  count(pathname: string): number {
    return this.requests.filter(r => r.path === pathname).length;
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://replay');
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    });
    const route = this.routes[url.pathname];
    const rec = typeof route === 'function' ? route(url.searchParams) : route;
    if (!rec || req.method !== 'GET') {
      res.statusCode = 501;
      res.end(`no recording for ${req.method} ${url.pathname}`);
      return;
    }
    res.statusCode = rec.status;
    for (const [name, value] of rec.headers) {
      if (!TRANSFER.has(name.toLowerCase())) res.setHeader(name, value);
    }
    res.end(rec.body);
  }
}

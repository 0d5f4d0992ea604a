// The benchmark's load (bench.test.ts): concurrent HTTP clients in a worker thread, and the
// latency figures computed from what they measured.
import { Worker } from 'node:worker_threads';

export const CLIENTS = 20;
export const ROUTE_SECONDS = Number(process.env.MLOPS_BENCH_SECONDS ?? 30);
/** Upper bound of requests per client and route, besides the time bound. */
export const MAX_REQUESTS_PER_CLIENT = 200_000;

/**
 * The load clients' code, run in a worker thread. Each client sends one request at a time over
 * a kept-alive connection of its own, with the Accept-Encoding a browser sends, and times it
 * until the last byte of the body. It uses node:http rather than fetch because the clients
 * share the machine's two cores with the backend: fetch's streams and decompression cost the
 * client several times more CPU than the request costs the server, and that CPU is taken from
 * the server being measured. Bodies are not decompressed, only counted. The requests go round
 * a list of [route, url] pairs; latencies are kept by route.
 */
const CLIENT_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const http = require('node:http');
(async () => {
  const { entries, headers, clients, seconds, maxPerClient } = workerData;
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const requestHeaders = { 'accept-encoding': 'gzip, deflate', ...headers };
  const results = {};
  for (const [route] of entries) {
    results[route] = results[route] || { latencies: [], non200: 0, samples: [] };
  }
  let sequence = 0;
  const get = url => new Promise(resolve => {
    const req = http.get(url, { agent, headers: requestHeaders }, res => {
      const chunks = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: chunks }));
      res.on('error', error => resolve({ status: 0, body: [Buffer.from(String(error))] }));
    });
    req.on('error', error => resolve({ status: 0, body: [Buffer.from(String(error))] }));
  });
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let n = 0; n < maxPerClient && performance.now() < deadline; n++) {
      const [route, url] = entries[sequence++ % entries.length];
      const result = results[route];
      const t0 = performance.now();
      const { status, body } = await get(url);
      result.latencies.push(performance.now() - t0);
      if (status !== 200) {
        result.non200++;
        if (result.samples.length < 5) {
          result.samples.push(status + ' ' + url + ': ' + Buffer.concat(body).toString('utf8').slice(0, 300));
        }
      }
    }
  }));
  agent.destroy();
  parentPort.postMessage(results);
})();
`;

/** What the clients measured of one route. */
export interface RouteLoad {
  latencies: number[];
  non200: number;
  samples: string[];
}

/**
 * Runs concurrent HTTP clients in a worker thread, bounded by time and count, going round the
 * `[route, url]` entries; returns what each route measured.
 */
export function runRouteClients(options: {
  entries: Array<[string, string]>;
  headers: Record<string, string>;
  clients: number;
  seconds: number;
  maxPerClient: number;
}): Promise<Record<string, RouteLoad>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_CODE, { eval: true, workerData: options });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** Runs concurrent HTTP clients on one route's URLs (see {@link runRouteClients}). */
export async function runClients(options: {
  urls: string[];
  headers: Record<string, string>;
  clients: number;
  seconds: number;
  maxPerClient: number;
}): Promise<RouteLoad> {
  const { urls, ...rest } = options;
  const results = await runRouteClients({
    ...rest,
    entries: urls.map(url => ['route', url]),
  });
  return results.route;
}

/**
 * The entries of a mixed load: each route's URLs in turn, so that the clients spread evenly
 * over the routes.
 */
export function mixedEntries(
  routes: Record<string, (i: number) => string>,
  perRoute: number,
): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (let i = 0; i < perRoute; i++) {
    for (const [route, url] of Object.entries(routes)) {
      entries.push([route, url(i)]);
    }
  }
  return entries;
}

export interface LatencyStats {
  requests: number;
  non200: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[index];
}

export function latencyStats(
  latencies: number[],
  non200: number,
  seconds: number,
): LatencyStats {
  const sorted = Float64Array.from(latencies).sort();
  const values = Array.from(sorted);
  return {
    requests: latencies.length,
    non200,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values[values.length - 1] ?? NaN,
  };
}

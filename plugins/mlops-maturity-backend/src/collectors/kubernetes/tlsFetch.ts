import fs from 'node:fs/promises';
import https from 'node:https';
import { Readable } from 'node:stream';

/** What an API server's TLS needs beyond the system's CAs. */
export interface TlsSettings {
  /** The CA, base64 PEM as in a kubeconfig (raw PEM is taken as well). */
  caData?: string;
  caFile?: string;
  skipTLSVerify?: boolean;
}

function pem(caData: string): string {
  const raw = caData.trim();
  return raw.startsWith('-----BEGIN')
    ? raw
    : Buffer.from(raw, 'base64').toString('utf8');
}

async function agentFor(tls: TlsSettings): Promise<https.Agent> {
  let ca: string | undefined;
  if (tls.caData) ca = pem(tls.caData);
  else if (tls.caFile) ca = await fs.readFile(tls.caFile, 'utf8');
  return new https.Agent({
    keepAlive: true,
    ca,
    rejectUnauthorized: !tls.skipTLSVerify,
  });
}

/**
 * A `fetch` over node:https with the cluster's CA or without verification, for the
 * {@link ToolHttpClient}'s `fetch` option: the global fetch takes TLS settings only through an
 * undici dispatcher, which is not a dependency here. It answers a WHATWG Response and fails as
 * fetch does (a TypeError whose cause carries the code, e.g. DEPTH_ZERO_SELF_SIGNED_CERT).
 *
 * @internal
 */
export function tlsFetch(tls: TlsSettings): typeof fetch {
  let agent: Promise<https.Agent> | undefined;
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    agent ??= agentFor(tls);
    const url = new URL(input instanceof Request ? input.url : String(input));
    let resolvedAgent: https.Agent;
    try {
      resolvedAgent = await agent;
    } catch (error) {
      agent = undefined;
      throw new TypeError('fetch failed', { cause: error });
    }
    return new Promise<Response>((resolve, reject) => {
      const req = https.request(
        url,
        {
          method: init.method ?? 'GET',
          headers: init.headers as Record<string, string>,
          agent: resolvedAgent,
          signal: init.signal ?? undefined,
        },
        res => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : [value ?? '']) {
              headers.append(name, v);
            }
          }
          const status = res.statusCode ?? 502;
          const empty = status === 204 || status === 304;
          if (empty) res.resume();
          resolve(
            new Response(
              empty ? null : (Readable.toWeb(res) as ReadableStream),
              { status, statusText: res.statusMessage, headers },
            ),
          );
        },
      );
      req.on('error', error =>
        reject(new TypeError('fetch failed', { cause: error })),
      );
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
  }) as typeof fetch;
}

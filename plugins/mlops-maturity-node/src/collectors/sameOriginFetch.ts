import { ToolUnavailableError } from './toolErrors';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Options of {@link fetchSameOrigin}.
 *
 * @public
 */
export interface SameOriginFetchOptions {
  /** For messages, e.g. `Airflow instance "prod"`. */
  label: string;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /**
   * The headers of each request, asked anew after a redirect so that a signature can cover
   * the new URL; `init.headers` when absent.
   */
  headers?: (
    url: URL,
    method: string,
    body: string | undefined,
  ) => Promise<Record<string, string>>;
  /** Injected for tests, or for TLS settings the global fetch cannot take. */
  fetch?: typeof fetch;
}

/** Content headers, dropped with the body when a redirect turns the request into a GET. */
const BODY_HEADERS = /^content-/i;

function withoutBodyHeaders(headers: RequestInit['headers']) {
  if (!headers || headers instanceof Headers || Array.isArray(headers)) {
    const copy = new Headers(headers);
    for (const name of [...copy.keys()]) {
      if (BODY_HEADERS.test(name)) copy.delete(name);
    }
    return copy;
  }
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !BODY_HEADERS.test(name)),
  );
}

/**
 * `fetch` that follows redirects only within the origin it was sent to. The global `fetch`
 * follows a 307 or 308 anywhere and sends the body again (a sign-in's password) with every
 * header but `Authorization` (a `Dagster-Cloud-Api-Token`, an API key header); this one
 * refuses a redirect to another origin (scheme, host or port) with a
 * {@link ToolUnavailableError} that names only that origin, so that credentials go only
 * where the platform team configured them. 303, and 301 or 302 after a POST, turn the
 * request into a GET without a body, as browsers do.
 *
 * @public
 */
export async function fetchSameOrigin(
  url: URL | string,
  init: Omit<RequestInit, 'body' | 'redirect'> & { body?: string },
  options: SameOriginFetchOptions,
): Promise<Response> {
  const { label, maxRedirects = 5 } = options;
  const send = options.fetch ?? fetch;
  let current = new URL(url);
  let method = init.method ?? 'GET';
  let body = init.body;
  let headers = init.headers;
  for (let redirects = 0; ; redirects++) {
    const res = await send(current, {
      ...init,
      method,
      body,
      headers: options.headers
        ? await options.headers(current, method, body)
        : headers,
      redirect: 'manual',
    });
    const location = REDIRECTS.has(res.status)
      ? res.headers.get('location')
      : null;
    if (location === null) return res;
    await res.body?.cancel();
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new ToolUnavailableError(
        `${label} could not be asked: it redirected to something that is not a URL (HTTP ${res.status})`,
      );
    }
    if (next.origin !== current.origin || next.username || next.password) {
      throw new ToolUnavailableError(
        `${label} could not be asked: it redirected to another origin (${next.origin}, HTTP ${res.status}), where credentials are never sent; set its baseUrl to where it answers`,
      );
    }
    if (redirects >= maxRedirects) {
      throw new ToolUnavailableError(
        `${label} could not be asked: more than ${maxRedirects} redirects`,
      );
    }
    const toGet =
      res.status === 303
        ? method !== 'GET' && method !== 'HEAD'
        : (res.status === 301 || res.status === 302) && method === 'POST';
    if (toGet) {
      method = 'GET';
      body = undefined;
      headers = withoutBodyHeaders(headers);
    }
    current = next;
  }
}

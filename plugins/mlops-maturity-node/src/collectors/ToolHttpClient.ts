import { Semaphore } from './Semaphore';

/**
 * Why a tool could not be asked. Its message names the instance and the cause, never a secret.
 *
 * @public
 */
export class ToolUnavailableError extends Error {
  name = 'ToolUnavailableError';
}

/**
 * The tool answered, but not with what was asked for (e.g. 404 for a missing object).
 *
 * @public
 */
export class ToolResponseError extends Error {
  name = 'ToolResponseError';
  constructor(
    message: string,
    readonly status: number,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/**
 * Settings of one tool instance's HTTP client.
 *
 * @public
 */
export interface ToolHttpClientOptions {
  /** For messages, e.g. `MLflow instance "prod"`. */
  label: string;
  baseUrl: string;
  /** Headers for each request, e.g. authorization; asked for each request so tokens can rotate. */
  headers?: () => Promise<Record<string, string>> | Record<string, string>;
  timeoutMs?: number;
  concurrency?: number;
  /** Retries after 429 and 5xx answers. */
  retries?: number;
  /** How long the circuit stays open after the instance could not be reached. */
  cooldownMs?: number;
  /**
   * Recognises answers that mean the instance must not be asked again for a while, such as
   * GitHub's exhausted rate limit: the request fails with the reason, which must hold no
   * secret, and the circuit stays open until `retryAt` (epoch ms) or for the cooldown.
   */
  refuse?: (res: Response) => { reason: string; retryAt?: number } | undefined;
  /**
   * Treat HTTP 403 as an answer about the thing asked for (a {@link ToolResponseError}) rather
   * than as rejected credentials that open the circuit: on a Kubernetes API server, 403 means
   * the identity may not read that one resource (RBAC), while others stay readable. 401 still
   * opens the circuit.
   */
  forbiddenIsAnswer?: boolean;
  /**
   * Signs each attempt just before it is sent, such as AWS Signature V4: gets the request as it
   * would go out and returns the headers to send instead. A retry is signed anew. A signer that
   * throws (no credentials to sign with) fails the request as unavailable, with its message.
   */
  sign?: (request: ToolHttpRequest) => Promise<Record<string, string>>;
  /** Injected for tests, or for TLS settings the global fetch cannot take (a private CA). */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * One request as a {@link ToolHttpClientOptions.sign | signer} sees it.
 *
 * @public
 */
export interface ToolHttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** The JSON text sent, if any. */
  body?: string;
}

/** A signer's failure: the reason the request could not be signed. */
class SigningFailed extends Error {}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/**
 * HTTP for one tool instance: a concurrency limit, a timeout per request, retries with
 * backoff on 429 and 5xx, and a circuit breaker, so that an instance that is down costs one
 * timeout per run rather than one per entity. Errors never carry headers or credentials.
 *
 * @public
 */
export class ToolHttpClient {
  readonly #options: Required<
    Pick<ToolHttpClientOptions, 'timeoutMs' | 'retries' | 'cooldownMs'>
  > &
    ToolHttpClientOptions;
  readonly #limit: Semaphore;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  #openUntil = 0;
  #openReason = '';
  #requests = 0;

  constructor(options: ToolHttpClientOptions) {
    this.#options = {
      ...options,
      timeoutMs: options.timeoutMs ?? 10_000,
      retries: options.retries ?? 2,
      cooldownMs: options.cooldownMs ?? 5 * 60_000,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
    this.#limit = new Semaphore(options.concurrency ?? 4);
    this.#fetch = options.fetch ?? fetch;
    this.#sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  /** How many HTTP requests this client has sent, retries included. */
  get requestCount(): number {
    return this.#requests;
  }

  get baseUrl(): string {
    return this.#options.baseUrl;
  }

  /** GET a JSON document from a path below the base URL. */
  async getJson<T = any>(
    path: string,
    query?: Record<string, string | number | undefined | string[]>,
    signal?: AbortSignal,
  ): Promise<T> {
    return (await this.#request<T>('GET', path, query, undefined, signal)).body;
  }

  /**
   * GET a JSON document with the answer's headers (e.g. `Link` for paging), sending
   * `headers` besides the client's own, e.g. credentials that depend on the path.
   */
  async getPage<T = any>(
    path: string,
    options: {
      query?: Record<string, string | number | undefined | string[]>;
      headers?: Record<string, string>;
      signal?: AbortSignal;
    } = {},
  ): Promise<{ body: T; headers: Headers }> {
    return this.#request<T>(
      'GET',
      path,
      options.query,
      undefined,
      options.signal,
      options.headers,
    );
  }

  /**
   * POST a JSON body and read a JSON answer, sending `headers` besides the client's own, e.g.
   * the operation of an AWS JSON API (`X-Amz-Target`) and its content type.
   */
  async postJson<T = any>(
    path: string,
    body: unknown,
    signal?: AbortSignal,
    headers?: Record<string, string>,
  ): Promise<T> {
    return (
      await this.#request<T>('POST', path, undefined, body, signal, headers)
    ).body;
  }

  #url(
    path: string,
    query?: Record<string, string | number | undefined | string[]>,
  ) {
    const url = new URL(`${this.#options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) {
        url.searchParams.append(key, String(v));
      }
    }
    return url;
  }

  async #request<T>(
    method: string,
    path: string,
    query: Record<string, string | number | undefined | string[]> | undefined,
    body: unknown,
    signal?: AbortSignal,
    extraHeaders?: Record<string, string>,
  ): Promise<{ body: T; headers: Headers }> {
    const { label } = this.#options;
    if (Date.now() < this.#openUntil) {
      throw new ToolUnavailableError(
        `${label} is not being asked again yet: ${this.#openReason}`,
      );
    }
    const url = this.#url(path, query);
    return this.#limit.run(async () => {
      for (let attempt = 0; ; attempt++) {
        if (Date.now() < this.#openUntil) {
          throw new ToolUnavailableError(
            `${label} is not being asked again yet: ${this.#openReason}`,
          );
        }
        const timeout = AbortSignal.timeout(this.#options.timeoutMs);
        let res: Response;
        try {
          this.#requests++;
          const payload = body !== undefined ? JSON.stringify(body) : undefined;
          const headers = {
            Accept: 'application/json',
            ...(body !== undefined
              ? { 'Content-Type': 'application/json' }
              : {}),
            ...(await this.#options.headers?.()),
            ...extraHeaders,
          };
          res = await this.#fetch(url, {
            method,
            signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
            headers: await this.#signed({
              method,
              url,
              headers,
              body: payload,
            }),
            body: payload,
          });
        } catch (error) {
          if (signal?.aborted) throw error;
          if (error instanceof SigningFailed) {
            this.#open(error.message);
            throw new ToolUnavailableError(
              `${label} could not be asked: ${error.message}`,
            );
          }
          const reason = timeout.aborted
            ? `no answer within ${this.#options.timeoutMs / 1000} s`
            : `cannot connect (${describeNetworkError(error)})`;
          this.#open(reason);
          throw new ToolUnavailableError(
            `${label} could not be asked: ${reason}`,
          );
        }
        const refused = this.#options.refuse?.(res);
        if (refused) {
          await res.body?.cancel();
          this.#open(refused.reason, refused.retryAt);
          throw new ToolUnavailableError(
            `${label} could not be asked: ${refused.reason}`,
          );
        }
        if (RETRYABLE.has(res.status) && attempt < this.#options.retries) {
          await res.body?.cancel();
          await this.#sleep(retryDelay(res, attempt));
          continue;
        }
        if (
          res.status === 401 ||
          (res.status === 403 && !this.#options.forbiddenIsAnswer)
        ) {
          await res.body?.cancel();
          const reason = `credentials rejected (HTTP ${res.status})`;
          this.#open(reason);
          throw new ToolUnavailableError(
            `${label} could not be asked: ${reason}`,
          );
        }
        if (RETRYABLE.has(res.status)) {
          await res.body?.cancel();
          throw new ToolUnavailableError(
            `${label} answered HTTP ${res.status} ${res.statusText}`.trim(),
          );
        }
        const text = await res.text();
        let parsed: unknown;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          throw new ToolUnavailableError(
            `${label} answered ${method} ${path} with malformed JSON (HTTP ${res.status})`,
          );
        }
        if (!res.ok) {
          throw new ToolResponseError(
            `${label} answered HTTP ${res.status} to ${method} ${path}`,
            res.status,
            parsed,
          );
        }
        return { body: parsed as T, headers: res.headers };
      }
    });
  }

  async #signed(request: ToolHttpRequest): Promise<Record<string, string>> {
    if (!this.#options.sign) return request.headers;
    try {
      return await this.#options.sign(request);
    } catch (error) {
      throw new SigningFailed(
        `cannot sign the request (${
          error instanceof Error ? error.message : String(error)
        })`,
      );
    }
  }

  #open(reason: string, until?: number) {
    this.#openUntil =
      until && until > Date.now()
        ? until
        : Date.now() + this.#options.cooldownMs;
    this.#openReason = reason;
  }
}

function retryDelay(res: Response, attempt: number): number {
  const header = Number(res.headers.get('retry-after'));
  if (Number.isFinite(header) && header > 0)
    return Math.min(header * 1000, 5_000);
  return 200 * 4 ** attempt;
}

function describeNetworkError(error: unknown): string {
  const cause = (error as any)?.cause;
  return (
    cause?.code ??
    cause?.message ??
    (error as Error)?.message ??
    'network error'
  );
}

/**
 * Requests sent so far through each named client, for benchmarks.
 *
 * @public
 */
export function requestCountsOf(
  clients: Iterable<[string, { requestCount: number }]>,
): Record<string, number> {
  return Object.fromEntries(
    [...clients].map(([name, client]) => [name, client.requestCount]),
  );
}

import { readBoundedText, ResponseTooLarge } from './readBoundedText';
import { redactSecrets } from './redactSecrets';
import { fetchSameOrigin } from './sameOriginFetch';
import { Semaphore } from './Semaphore';
import {
  isConnectionReset,
  ToolAnswerTooLargeError,
  ToolResponseError,
  ToolUnavailableError,
} from './toolErrors';

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
   * The longest answer read, in bytes (default 10 MB); a longer one is cancelled at the limit
   * and the request fails as unavailable, so that the check is `unknown`.
   */
  maxResponseBytes?: number;
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

/** The default of {@link ToolHttpClientOptions.maxResponseBytes}. */
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * Requests in a row that end in 429 or 5xx after their retries before the circuit opens: one
 * may be about one object, three in a row are the instance.
 */
const FAILURES_TO_OPEN = 3;

/** `.` and `..`, also percent-encoded, which URL parsing resolves: a path climbing out of the base. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

function hasDotSegment(path: string): boolean {
  return path
    .split(/[?#]/)[0]
    .split(/[\\/]/)
    .some(segment => DOT_SEGMENT.test(segment));
}

/**
 * HTTP for one tool instance: a concurrency limit, a timeout per request (headers and body),
 * retries with backoff on 429 and 5xx, a limit on the size of answers, and a circuit breaker,
 * so that an instance that is down costs one timeout per run rather than one per entity.
 * Redirects are followed within the instance's origin only ({@link fetchSameOrigin}); a path
 * with a `.` or `..` segment is never sent. Errors never carry headers or credentials.
 *
 * @public
 */
export class ToolHttpClient {
  readonly #options: Required<
    Pick<
      ToolHttpClientOptions,
      'timeoutMs' | 'retries' | 'cooldownMs' | 'maxResponseBytes'
    >
  > &
    ToolHttpClientOptions;
  readonly #limit: Semaphore;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  #openUntil = 0;
  #openReason = '';
  #requests = 0;
  /** Requests in a row that failed with 429 or 5xx after their retries. */
  #failures = 0;

  /** Throws when the base URL holds credentials, which would end up in error texts. */
  constructor(options: ToolHttpClientOptions) {
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(options.baseUrl)) {
      throw new Error(
        `${options.label}: the base URL must not hold credentials (user:password@); give them as username and password, or token`,
      );
    }
    this.#options = {
      ...options,
      timeoutMs: options.timeoutMs ?? 10_000,
      retries: options.retries ?? 2,
      cooldownMs: options.cooldownMs ?? 5 * 60_000,
      maxResponseBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
    this.#limit = new Semaphore(options.concurrency ?? 4);
    this.#fetch = options.fetch ?? fetch;
    this.#sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  /** How many HTTP requests this client has sent, retries and redirects included. */
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
    if (hasDotSegment(path)) {
      throw new ToolUnavailableError(
        `${label} was not asked: a "." or ".." segment in the path of ${method} would leave its base URL`,
      );
    }
    if (Date.now() < this.#openUntil) {
      throw new ToolUnavailableError(
        `${label} is not being asked again yet: ${this.#openReason}`,
      );
    }
    const url = this.#url(path, query);
    const payload = body !== undefined ? JSON.stringify(body) : undefined;
    return this.#limit.run(async () => {
      let resent = false;
      for (let attempt = 0; ; attempt++) {
        if (Date.now() < this.#openUntil) {
          throw new ToolUnavailableError(
            `${label} is not being asked again yet: ${this.#openReason}`,
          );
        }
        const timeout = AbortSignal.timeout(this.#options.timeoutMs);
        const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
        let res: Response;
        try {
          res = await fetchSameOrigin(
            url,
            { method, signal: both, body: payload },
            {
              label,
              fetch: (to, init) => {
                this.#requests++;
                return this.#fetch(to, init);
              },
              headers: (to, m, b) =>
                this.#headers({ method: m, url: to, body: b }, extraHeaders),
            },
          );
        } catch (error) {
          // Most often a kept-alive socket the tool closed as this request went out: the tool
          // never saw it, so it is sent once more before the instance counts as unreachable.
          if (!resent && isConnectionReset(error) && !both.aborted) {
            resent = true;
            attempt--;
            continue;
          }
          throw this.#unreachable(error, timeout, signal);
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
          const answer = `HTTP ${res.status} ${res.statusText}`.trim();
          if (++this.#failures >= FAILURES_TO_OPEN) {
            this.#open(
              `${this.#failures} requests in a row answered ${answer}`,
            );
          }
          throw new ToolUnavailableError(`${label} answered ${answer}`);
        }
        let text: string;
        try {
          text = await readBoundedText(res, this.#options.maxResponseBytes);
        } catch (error) {
          if (error instanceof ResponseTooLarge) {
            throw new ToolAnswerTooLargeError(
              `${label} answered ${method} ${path} with ${error.message}, the limit of maxResponseBytes`,
            );
          }
          throw this.#unreachable(error, timeout, signal);
        }
        this.#failures = 0;
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

  /** The headers of one attempt, signed if the client signs. */
  async #headers(
    request: Omit<ToolHttpRequest, 'headers'>,
    extraHeaders?: Record<string, string>,
  ): Promise<Record<string, string>> {
    const headers = {
      Accept: 'application/json',
      ...(request.body !== undefined
        ? { 'Content-Type': 'application/json' }
        : {}),
      ...(await this.#options.headers?.()),
      ...extraHeaders,
    };
    return this.#signed({ ...request, headers });
  }

  /**
   * The error of a request that got no (whole) answer: the caller's abort as it is, else
   * unavailable, opening the circuit. A timeout while the body streams counts like one
   * before the headers came: the instance is too slow either way.
   */
  #unreachable(
    error: unknown,
    timeout: AbortSignal,
    signal?: AbortSignal,
  ): unknown {
    if (signal?.aborted) return error;
    const { label } = this.#options;
    if (error instanceof ToolUnavailableError) {
      // A redirect to another origin: every request would be sent there.
      this.#open(error.message.replace(`${label} could not be asked: `, ''));
      return error;
    }
    if (error instanceof SigningFailed) {
      this.#open(error.message);
      return new ToolUnavailableError(
        `${label} could not be asked: ${error.message}`,
      );
    }
    const reason = timeout.aborted
      ? `no answer within ${this.#options.timeoutMs / 1000} s`
      : `cannot connect (${describeNetworkError(error)})`;
    this.#open(reason);
    return new ToolUnavailableError(`${label} could not be asked: ${reason}`);
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
    this.#failures = 0;
    this.#openUntil =
      until && until > Date.now()
        ? until
        : Date.now() + this.#options.cooldownMs;
    this.#openReason = redactSecrets(reason);
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

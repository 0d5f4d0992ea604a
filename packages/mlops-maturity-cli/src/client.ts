import type { CompoundEntityRef } from '@backstage/catalog-model';
import { isErrorWithName, ResponseError } from '@backstage/errors';
import {
  Assessment,
  AssessmentPage,
  MaturityFilter,
  MlopsMaturityApi,
  MlopsMaturityClient,
  mlopsMaturityAssessmentReadPermission,
  mlopsMaturityAssessmentRefreshPermission,
  Rubric,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { Connection, ENV } from './connection';
import { entityRefString, normalizeEntityRef } from './entityRef';
import { CliError } from './errors';

/** What a request is about, for the messages of its failures. */
interface RequestContext {
  /** Says what a 404 with Backstage's `NotFoundError` means for this route. */
  notFound?: string;
  /** The permission a 403 most likely lacks. */
  permission: string;
}

/** A request the CLI sent, for the messages of its failures. */
interface SentRequest {
  method: string;
  /** The route below the plugin's API URL, without the query. */
  path: string;
  signal: AbortSignal;
  /** The answer, once its headers came. */
  response?: Response;
}

const READ_PERMISSION = mlopsMaturityAssessmentReadPermission.name;
const REFRESH_PERMISSION = mlopsMaturityAssessmentRefreshPermission.name;

/**
 * The expiry of a JWT, if the token is one; the token is not verified, only read, to explain
 * a refusal.
 */
function jwtExpiry(token: string): Date | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const { exp } = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
    return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}

/** Node's fetch wraps the socket error as the `cause` of a TypeError("fetch failed"). */
function networkProblem(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'the connection was refused (nothing listens there)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return 'the connection was closed before an answer';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host cannot be reached';
    default:
      if (cause?.message === 'bad port') {
        return 'fetch refuses to use this port (one of the ports browsers block)';
      }
      if (cause?.code && /CERT|SSL|TLS/i.test(cause.code)) {
        return `the TLS handshake failed (${cause.code})`;
      }
      return cause?.message ?? (error as Error)?.message ?? String(error);
  }
}

/**
 * A fetch that sends the connection's token and ends each request after its timeout, and adds
 * each request it sends to `sent`.
 */
function connectionFetch(
  { apiUrl, token, timeoutMs }: Connection,
  sent: SentRequest[],
): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('Accept', 'application/json');
    if (token) headers.set('Authorization', `Bearer ${token}`);
    // One deadline for the answer and its body: a server can stall after its headers too.
    const signal = AbortSignal.timeout(timeoutMs);
    const request: SentRequest = {
      method: init?.method ?? 'GET',
      path: String(input).slice(apiUrl.length).replace(/\?.*$/, ''),
      signal,
    };
    sent.push(request);
    request.response = await fetch(input, { ...init, headers, signal });
    return request.response;
  };
}

/**
 * The MLOps maturity API as the CLI calls it: the common package's `MlopsMaturityClient`
 * with the token from the environment and a timeout on every request, each failure turned
 * into a {@link CliError} that says what to do.
 */
export class MaturityClient
  implements
    Pick<
      MlopsMaturityApi,
      'getAssessment' | 'refresh' | 'listAssessments' | 'getRubric'
    >
{
  readonly #connection: Connection;

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /** The entity's current assessment. */
  getAssessment(entityRef: string | CompoundEntityRef): Promise<Assessment> {
    const ref = toRef(entityRef);
    return this.#call(api => api.getAssessment(entityRefString(ref)), {
      permission: READ_PERMISSION,
      notFound: `No assessment of ${entityRefString(
        ref,
      )}: the catalog has no such entity, the token may not read it, it is not selected as an ML service, or it has not been assessed yet (--refresh assesses it now)`,
    });
  }

  /** Re-assesses the entity now and answers the new assessment. */
  refresh(entityRef: string | CompoundEntityRef): Promise<Assessment> {
    const ref = toRef(entityRef);
    return this.#call(api => api.refresh(entityRefString(ref)), {
      permission: `${REFRESH_PERMISSION} on ${entityRefString(ref)}`,
      notFound: `${entityRefString(
        ref,
      )} cannot be assessed: the catalog has no such entity, the token may not read it, or it is not selected as an ML service`,
    });
  }

  /** One page of the assessments that match `filter`. */
  listAssessments(
    filter: MaturityFilter = {},
    page: { limit?: number; cursor?: string } = {},
  ): Promise<AssessmentPage> {
    return this.#call(api => api.listAssessments(filter, page), {
      permission: READ_PERMISSION,
    });
  }

  /** Every assessment that matches `filter`, read page by page. */
  async listAllAssessments(filter: MaturityFilter = {}) {
    const items: AssessmentPage['items'] = [];
    let cursor: string | undefined;
    let total = 0;
    do {
      const page = await this.listAssessments(filter, { limit: 500, cursor });
      items.push(...page.items);
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor);
    return { items, total };
  }

  /** The rubric in effect: levels, checks and what to do for each. */
  getRubric(): Promise<Rubric> {
    return this.#call(api => api.getRubric(), {
      permission: READ_PERMISSION,
    });
  }

  /**
   * Makes one call of the shared client. Each call gets a client of its own, whose fetch keeps
   * the request it sent, so that a failure names its own request while calls run at once (the
   * gate reads the assessment and the rubric together).
   */
  async #call<T>(
    call: (api: MlopsMaturityApi) => Promise<T>,
    context: RequestContext,
  ): Promise<T> {
    const sent: SentRequest[] = [];
    const api = new MlopsMaturityClient({
      discoveryApi: { getBaseUrl: async () => this.#connection.apiUrl },
      fetchApi: { fetch: connectionFetch(this.#connection, sent) },
    });
    try {
      return await call(api);
    } catch (error) {
      const request = sent.at(-1);
      throw request ? this.#failure(error, request, context) : error;
    }
  }

  /** The {@link CliError} for a failure of `request`: a refusal, a timeout, not JSON, no answer. */
  #failure(
    error: unknown,
    request: SentRequest,
    context: RequestContext,
  ): CliError {
    const { apiUrl, timeoutMs } = this.#connection;
    const { method, path } = request;
    if (ResponseError.is(error)) {
      return this.#refusal(error, request, context);
    }
    if (request.signal.aborted) {
      return new CliError(
        `The backend at ${apiUrl} did not answer ${method} ${path} within ${
          timeoutMs / 1000
        } s (--timeout)`,
      );
    }
    if (isErrorWithName(error, 'SyntaxError')) {
      return new CliError(
        `${apiUrl} answered ${method} ${path} with ${
          request.response?.headers.get('content-type') ?? 'a body'
        }, not JSON: is --url the Backstage backend's base URL (e.g. http://localhost:7007), not the app's?`,
      );
    }
    return new CliError(
      `Could not reach the backend at ${apiUrl}: ${networkProblem(
        error,
      )}. Check --url or ${ENV.url}.`,
    );
  }

  #refusal(
    error: ResponseError,
    { method, path }: SentRequest,
    context: RequestContext,
  ): CliError {
    const { apiUrl, token, tokenSource } = this.#connection;
    const { body, response } = error;
    const status = `${response.status}${
      response.statusText ? ` ${response.statusText}` : ''
    }`;
    const said = `the backend said: ${body.error.name}: ${body.error.message}`;
    switch (response.status) {
      case 401: {
        if (!token) {
          return new CliError(
            `The backend wants credentials (${status}); no token was sent: set ${ENV.token} (or ${ENV.backstageToken}) to a static external-access token or a Backstage user token`,
          );
        }
        const expiry = jwtExpiry(token);
        const expired =
          expiry && expiry.getTime() <= Date.now()
            ? `; the token says it expired at ${expiry.toISOString()}`
            : '';
        return new CliError(
          `The backend refused the token from ${tokenSource} (${status}): it is expired or invalid${expired} (${said})`,
        );
      }
      case 403:
        return new CliError(
          `The token from ${
            tokenSource ?? 'the environment'
          } may not do this (${status}); it needs the permission ${
            context.permission
          } (${said})`,
        );
      case 404:
        // Backstage answers an unknown route with an empty 404, the plugin with NotFoundError.
        if (context.notFound && body.error.name === 'NotFoundError') {
          return new CliError(context.notFound);
        }
        return new CliError(
          `${apiUrl} has no MLOps maturity API (${method} ${path}: ${status}): is --url the Backstage backend's base URL, and is the plugin installed there?`,
        );
      default:
        return new CliError(
          `The backend answered ${method} ${path} with ${status} (${said})`,
        );
    }
  }
}

function toRef(entityRef: string | CompoundEntityRef): CompoundEntityRef {
  return typeof entityRef === 'string'
    ? normalizeEntityRef(entityRef)
    : entityRef;
}

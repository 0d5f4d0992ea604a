import {
  authorizationHeader,
  fetchSameOrigin,
  ToolInstance,
  ToolUnavailableError,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import type { AirflowApiVersion } from './airflowTypes';

/**
 * Signs in to an Airflow instance: a static token, a JWT from `POST /auth/token` (Airflow 3),
 * or HTTP Basic (Airflow 2). Which API the instance speaks is found out once.
 *
 * @internal
 */
export class AirflowAuth {
  #version?: Promise<AirflowApiVersion>;
  #jwt?: { token: string; expiresAt: number };
  #signingIn?: Promise<{ token: string; expiresAt: number }>;

  constructor(
    private readonly instance: ToolInstance,
    private readonly timeoutMs: number,
  ) {}

  version(): Promise<AirflowApiVersion> {
    const configured = this.instance.config.getOptionalString('apiVersion');
    if (configured === 'v1' || configured === 'v2')
      return Promise.resolve(configured);
    this.#version ??= this.#detect().catch(error => {
      this.#version = undefined;
      throw error;
    });
    return this.#version;
  }

  async headers(): Promise<Record<string, string>> {
    const { token, username, password } = this.instance;
    if (
      token ||
      username === undefined ||
      password === undefined ||
      (await this.version()) === 'v1'
    ) {
      return authorizationHeader(this.instance);
    }
    if (!this.#jwt || Date.now() > this.#jwt.expiresAt - 60_000) {
      // Requests in flight at once share one sign-in.
      this.#signingIn ??= this.#signIn(username, password).finally(() => {
        this.#signingIn = undefined;
      });
      this.#jwt = await this.#signingIn;
    }
    return { Authorization: `Bearer ${this.#jwt.token}` };
  }

  /**
   * Airflow 2 has no API v2 (404); Airflow 3 answers its version, or asks for credentials.
   * Any other answer decides nothing, and the next request asks again.
   */
  async #detect(): Promise<AirflowApiVersion> {
    const res = await this.#fetch('/api/v2/version', { method: 'GET' });
    await res.body?.cancel();
    if (res.status === 404) return 'v1';
    if (res.ok || res.status === 401 || res.status === 403) return 'v2';
    throw new ToolUnavailableError(
      `Airflow instance "${this.instance.name}" could not be asked: its API version is unknown (HTTP ${res.status} from /api/v2/version)`,
    );
  }

  async #signIn(username: string, password: string) {
    const res = await this.#fetch('/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new ToolUnavailableError(
        `Airflow instance "${this.instance.name}" could not be asked: sign-in rejected (HTTP ${res.status})`,
      );
    }
    const token = (await res.json())?.access_token;
    if (typeof token !== 'string') {
      throw new ToolUnavailableError(
        `Airflow instance "${this.instance.name}" gave no access token`,
      );
    }
    let expiresAt = Date.now() + 60 * 60_000;
    try {
      const exp = JSON.parse(
        Buffer.from(token.split('.')[1], 'base64url').toString(),
      ).exp;
      if (typeof exp === 'number') expiresAt = exp * 1000;
    } catch {
      // An opaque token: use it for an hour.
    }
    return { token, expiresAt };
  }

  /** The password goes only where baseUrl points: no redirect to another origin is followed. */
  async #fetch(
    path: string,
    init: { method: string; headers?: Record<string, string>; body?: string },
  ) {
    try {
      return await fetchSameOrigin(
        `${this.instance.baseUrl}${path}`,
        { ...init, signal: AbortSignal.timeout(this.timeoutMs) },
        { label: `Airflow instance "${this.instance.name}"` },
      );
    } catch (error) {
      if (error instanceof ToolUnavailableError) throw error;
      throw new ToolUnavailableError(
        `Airflow instance "${this.instance.name}" could not be asked: ${
          (error as any)?.name === 'TimeoutError'
            ? `no answer within ${this.timeoutMs / 1000} s`
            : `cannot connect (${
                (error as any)?.cause?.code ?? 'network error'
              })`
        }`,
      );
    }
  }
}

import type { Config } from '@backstage/config';

/**
 * The settings every configured instance of a tool has (`mlopsMaturity.tools.<kind>[]`); the
 * backend's config schema declares them with this type, and tools add their own.
 *
 * @public
 */
export interface ToolInstanceSettings {
  /** The name annotations use, e.g. `prod` in `prod:churn-classifier`. */
  name: string;
  /** Where the tool answers. */
  baseUrl: string;
  /** @visibility secret */
  token?: string;
  username?: string;
  /** @visibility secret */
  password?: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  /** Requests in flight at once against this instance. */
  concurrency?: number;
}

/**
 * One configured instance of a tool (`mlopsMaturity.tools.<kind>[]`).
 *
 * @public
 */
export interface ToolInstance extends ToolInstanceSettings {
  /** The instance's whole config, for tool-specific settings. */
  config: Config;
}

/**
 * Reads the configured instances of one tool kind. Names are validated with the rest of the
 * plugin config; here the URL is checked, so that a typo stops start-up with its key.
 *
 * @public
 */
export function readToolInstances(
  config: Config,
  kind: string,
): ToolInstance[] {
  return (
    config.getOptionalConfigArray(`mlopsMaturity.tools.${kind}`) ?? []
  ).map((instance, i) => {
    const baseUrl = instance.getString('baseUrl');
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new Error(`mlopsMaturity.tools.${kind}[${i}].baseUrl is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(
        `mlopsMaturity.tools.${kind}[${i}].baseUrl must be http or https`,
      );
    }
    return {
      name: instance.getString('name'),
      baseUrl: baseUrl.replace(/\/+$/, ''),
      token: instance.getOptionalString('token'),
      username: instance.getOptionalString('username'),
      password: instance.getOptionalString('password'),
      timeoutMs: instance.getOptionalNumber('timeoutMs'),
      concurrency: instance.getOptionalNumber('concurrency'),
      config: instance,
    };
  });
}

/** Basic or bearer authorization for an instance, if it has credentials. */
export function authorizationHeader(
  instance: ToolInstance,
): Record<string, string> {
  if (instance.token) return { Authorization: `Bearer ${instance.token}` };
  if (instance.username !== undefined && instance.password !== undefined) {
    const basic = Buffer.from(
      `${instance.username}:${instance.password}`,
    ).toString('base64');
    return { Authorization: `Basic ${basic}` };
  }
  return {};
}

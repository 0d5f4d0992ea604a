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
  /** The longest answer read from this instance, in bytes (default 10 MB). */
  maxResponseBytes?: number;
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
 * Reads an optional setting that must be a whole number of at least 1, such as a timeout or
 * a concurrency limit (0 would stop every request); throws naming the key.
 *
 * @param path - the key's full path, for the message
 * @public
 */
export function readPositiveInteger(
  config: Config,
  key: string,
  path: string = key,
): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new Error(`${path} must be a whole number of at least 1`);
  }
  return value;
}

/**
 * Reads the configured instances of one tool kind. Names are validated with the rest of the
 * plugin config; here the URL and the limits are checked, so that a typo stops start-up with
 * its key. Messages name the key, never the value: a URL can hold credentials, which is
 * refused (they belong in `username` and `password`, or `token`).
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
    const key = `mlopsMaturity.tools.${kind}[${i}]`;
    const baseUrl = instance.getString('baseUrl');
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new Error(`${key}.baseUrl is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`${key}.baseUrl must be http or https`);
    }
    if (url.username || url.password) {
      throw new Error(
        `${key}.baseUrl must not hold credentials (user:password@): set ${key}.username and password, or token`,
      );
    }
    return {
      name: instance.getString('name'),
      baseUrl: baseUrl.replace(/\/+$/, ''),
      token: instance.getOptionalString('token'),
      username: instance.getOptionalString('username'),
      password: instance.getOptionalString('password'),
      timeoutMs: readPositiveInteger(instance, 'timeoutMs', `${key}.timeoutMs`),
      concurrency: readPositiveInteger(
        instance,
        'concurrency',
        `${key}.concurrency`,
      ),
      maxResponseBytes: readPositiveInteger(
        instance,
        'maxResponseBytes',
        `${key}.maxResponseBytes`,
      ),
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

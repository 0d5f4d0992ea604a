import { CliError } from './errors';

/** Where the backend serves the plugin, below its base URL. */
export const PLUGIN_PATH = '/api/mlops-maturity';

/** How long one request may take, in seconds, unless `--timeout` says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

/** The environment variables the CLI reads. */
export const ENV = {
  url: 'MLOPS_MATURITY_URL',
  token: 'MLOPS_MATURITY_TOKEN',
  backstageToken: 'BACKSTAGE_TOKEN',
  appUrl: 'MLOPS_MATURITY_APP_URL',
} as const;

/** Environment variables by name, as `process.env` holds them. */
export type Env = Record<string, string | undefined>;

/** The connection options every command takes. */
export interface ConnectionOptions {
  url?: string;
  appUrl?: string;
  timeout?: string;
}

/** How to reach the backend, and the app for links. */
export interface Connection {
  /** The plugin's API, e.g. `http://localhost:7007/api/mlops-maturity`. */
  apiUrl: string;
  /** The Backstage token sent as `Authorization: Bearer`, if the environment has one. */
  token?: string;
  /** The environment variable the token came from. */
  tokenSource?: string;
  timeoutMs: number;
  /** The Backstage app's base URL, for links to entity pages; links are left out without it. */
  appUrl?: string;
}

function parseHttpUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new CliError(`${what} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`${what} must be an http or https URL: ${value}`);
  }
  if (url.username || url.password) {
    // Credentials in a URL end up in logs; the token belongs in the environment.
    throw new CliError(
      `${what} must not contain credentials; put the token in ${ENV.token}`,
    );
  }
  return url;
}

function withoutTrailingSlash(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The connection from the command's options and the environment; options win. Throws a
 * {@link CliError} for a missing or malformed URL or timeout.
 */
export function resolveConnection(
  options: ConnectionOptions,
  env: Env,
): Connection {
  const rawUrl = options.url ?? env[ENV.url];
  if (!rawUrl?.trim()) {
    throw new CliError(
      `No backend URL: pass --url or set ${ENV.url} to the Backstage backend's base URL, e.g. http://localhost:7007`,
    );
  }
  const base = withoutTrailingSlash(
    parseHttpUrl(rawUrl, options.url ? '--url' : ENV.url),
  );
  const apiUrl = base.endsWith(PLUGIN_PATH) ? base : `${base}${PLUGIN_PATH}`;

  const rawAppUrl = options.appUrl ?? env[ENV.appUrl];
  const appUrl = rawAppUrl?.trim()
    ? withoutTrailingSlash(
        parseHttpUrl(rawAppUrl, options.appUrl ? '--app-url' : ENV.appUrl),
      )
    : undefined;

  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  if (options.timeout !== undefined) {
    timeoutSeconds = Number(options.timeout);
    if (
      !/^\s*\d+(\.\d+)?\s*$/.test(options.timeout) ||
      timeoutSeconds <= 0 ||
      timeoutSeconds > 3600
    ) {
      throw new CliError(
        `--timeout must be a number of seconds above 0 and at most 3600, not ${JSON.stringify(
          options.timeout,
        )}`,
      );
    }
  }

  const tokenSource = [ENV.token, ENV.backstageToken].find(name =>
    env[name]?.trim(),
  );
  return {
    apiUrl,
    token: tokenSource ? env[tokenSource]!.trim() : undefined,
    tokenSource,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    appUrl,
  };
}

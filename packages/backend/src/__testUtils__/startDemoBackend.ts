import { createBackend } from '@backstage/backend-defaults';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { demoBackendFeatures } from '../features';
import demoPolicyModule from '../modules/permissionPolicy';
import { confidentialEntitiesPolicyModule } from './confidentialEntitiesPolicy';

const APP_CONFIG = path.resolve(__dirname, '../../../../app-config.yaml');

/** A demo backend started by {@link startDemoBackend}. */
export interface DemoBackend {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** A static token of `backend.auth.externalAccess`: a service principal, not a user. */
  staticToken: string;
  /** Fetches a path of the backend with a Bearer token. */
  fetch(path: string, token: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** A port that was free a moment ago, on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * Starts the demo backend's features (`demoBackendFeatures`) with the real `createBackend`,
 * its real services and the demo's app-config.yaml, overridden to listen on a free port of
 * 127.0.0.1, store in SQLite files of a temporary folder, read the catalog from `catalogYaml`
 * and assess only when triggered. The demo policy module is replaced by
 * {@link confidentialEntitiesPolicyModule}, which wraps the demo policy.
 */
export async function startDemoBackend(options: {
  catalogYaml: string;
}): Promise<DemoBackend> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mlops-maturity-mcp-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const staticToken = randomBytes(24).toString('base64url');
  const catalogFile = path.join(dir, 'catalog.yaml');
  await fs.writeFile(catalogFile, options.catalogYaml);
  const overrides = {
    // app-backend would otherwise write this backend's URL into packages/app/dist.
    app: { disableConfigInjection: true, disableStaticFallbackCache: true },
    backend: {
      baseUrl,
      listen: { port, host: '127.0.0.1' },
      database: { connection: { directory: path.join(dir, 'sqlite') } },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: staticToken, subject: 'mcp-test-setup' },
          },
        ],
      },
      logger: { level: 'warn' },
    },
    // Jest runs with NODE_ENV=test, where the guest provider is off unless allowed.
    auth: {
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    catalog: { locations: [{ type: 'file', target: catalogFile }] },
    // Assessments run only when the test triggers them, so that no scheduled run changes an
    // assessment between two reads. null unsets the demo's initialDelay: with one, the
    // scheduler runs even a manual task once, that long after start.
    mlopsMaturity: {
      schedule: { frequency: { trigger: 'manual' }, initialDelay: null },
    },
  };
  const overridesFile = path.join(dir, 'app-config.test.json');
  await fs.writeFile(overridesFile, JSON.stringify(overrides));

  const backend = createBackend();
  backend.add(
    rootConfigServiceFactory({
      argv: ['--config', APP_CONFIG, '--config', overridesFile],
      watch: false,
    }),
  );
  let replaced = false;
  for (const feature of demoBackendFeatures) {
    if (feature === demoPolicyModule) {
      backend.add(confidentialEntitiesPolicyModule);
      replaced = true;
    } else {
      backend.add(feature);
    }
  }
  if (!replaced) {
    throw new Error('demoBackendFeatures no longer lists the demo policy');
  }
  try {
    await backend.start();
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    baseUrl,
    staticToken,
    fetch: (p, token, init) =>
      fetch(`${baseUrl}${p}`, {
        ...init,
        headers: { ...init?.headers, Authorization: `Bearer ${token}` },
      }),
    async stop() {
      await backend.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it answers a value other than undefined, for at most `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  startGateBackend,
  STATIC_TOKEN,
} from './__testUtils__/startGateBackend';
import { closedPortUrl } from './__testUtils__/unresponsiveServers';

jest.setTimeout(120_000);

const BIN = resolve(__dirname, '../bin/mlops-maturity');

/** Runs the package's bin as a child process, as a CI job runs it, with `env` only. */
async function runBin(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(BIN, args, {
      env: { PATH: process.env.PATH!, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

describe('bin/mlops-maturity', () => {
  let env: Record<string, string>;

  beforeAll(async () => {
    const backend = await startGateBackend();
    env = {
      MLOPS_MATURITY_URL: backend.backendUrl,
      MLOPS_MATURITY_TOKEN: STATIC_TOKEN,
    };
  });

  it('exits 1 for a service below its target, and 0 at a lower bar', async () => {
    const below = await runBin(
      ['gate', '--entity', 'component:default/churn-predictor'],
      env,
    );
    expect(below.stderr).toBe('');
    expect(below.stdout).toMatch(
      /^FAIL component:default\/churn-predictor: level L2 Automated is below its target L3 Monitored\n/,
    );
    expect(below.code).toBe(1);

    const met = await runBin(
      ['gate', '--entity', 'churn-predictor', '--min-level', '2'],
      env,
    );
    expect(met.code).toBe(0);
  });

  it('prints JSON a script can read', async () => {
    const { code, stdout } = await runBin(
      ['list', '--below-target', '--format', 'json'],
      env,
    );
    expect(code).toBe(0);
    expect(
      JSON.parse(stdout).items.map((i: { entityRef: string }) => i.entityRef),
    ).toEqual([
      'component:default/churn-predictor',
      'component:default/recommender',
    ]);
  });

  it('exits 2 promptly when the backend cannot be reached', async () => {
    const url = await closedPortUrl();
    const started = Date.now();
    const { code, stdout, stderr } = await runBin(
      ['gate', '--entity', 'churn-predictor'],
      { ...env, MLOPS_MATURITY_URL: url },
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `mlops-maturity: Could not reach the backend at ${url}/api/mlops-maturity: the connection was refused (nothing listens there). Check --url or MLOPS_MATURITY_URL.\n`,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('exits 0 with --help and --version, and 2 without a command', async () => {
    const help = await runBin(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: mlops-maturity [options] [command]');
    const version = await runBin(['--version'], {});
    expect(version).toEqual({
      code: 0,
      stdout: `${require('../package.json').version}\n`,
      stderr: '',
    });
    const none = await runBin([], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: mlops-maturity');
  });
});

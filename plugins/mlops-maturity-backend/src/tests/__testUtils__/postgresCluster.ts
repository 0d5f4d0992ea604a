import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The newest PostgreSQL server binaries installed (as scripts/postgres.sh finds them). */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter(v => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions[versions.length - 1];
  return newest ? path.join(root, newest, 'bin') : undefined;
}

/** A TCP port on 127.0.0.1 that nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * A throw-away PostgreSQL cluster of a test's own, on a free port, that the test may stop and
 * start again: the shared test server must never be stopped. Runs the server as `postgres`
 * when the test runs as root, which PostgreSQL refuses.
 */
export class PostgresCluster {
  readonly #bin: string;
  readonly #dir: string;
  readonly port: number;

  private constructor(bin: string, dir: string, port: number) {
    this.#bin = bin;
    this.#dir = dir;
    this.port = port;
  }

  /** Creates the cluster in a new temporary directory and starts it. */
  static async create(): Promise<PostgresCluster> {
    const bin = postgresBinaries();
    if (!bin) throw new Error('No PostgreSQL server binaries are installed');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-pg-'));
    if (process.getuid?.() === 0) {
      await run('chown', ['postgres:postgres', dir]);
    }
    const cluster = new PostgresCluster(bin, dir, await freePort());
    await cluster.#pg('initdb', [
      '-D',
      cluster.#data,
      '-U',
      'postgres',
      '--auth=trust',
    ]);
    await cluster.start();
    return cluster;
  }

  get #data() {
    return path.join(this.#dir, 'data');
  }

  /** Knex connection settings of the cluster's `postgres` database. */
  get connection() {
    return {
      host: '127.0.0.1',
      port: this.port,
      user: 'postgres',
      database: 'postgres',
    };
  }

  async start(): Promise<void> {
    await this.#pg('pg_ctl', [
      '-D',
      this.#data,
      '-l',
      path.join(this.#dir, 'server.log'),
      '-w',
      '-o',
      `-h 127.0.0.1 -p ${this.port} -k ${this.#dir} -c fsync=off`,
      'start',
    ]);
  }

  /** Stops the server; `immediate` is a crash: no checkpoint, every client cut off. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.#pg('pg_ctl', ['-D', this.#data, '-m', mode, '-w', 'stop']);
  }

  /** Stops the server if it runs and deletes the cluster. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => {});
    fs.rmSync(this.#dir, { recursive: true, force: true });
  }

  async #pg(command: string, args: string[]) {
    const file = path.join(this.#bin, command);
    if (process.getuid?.() === 0) {
      await run('runuser', ['-u', 'postgres', '--', file, ...args]);
    } else {
      await run(file, args);
    }
  }
}

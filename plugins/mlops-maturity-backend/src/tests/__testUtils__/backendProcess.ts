import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The backend of backendMain.ts in a child process, started as `backstage-cli package start`
 * starts a backend (node with Backstage's TypeScript transform), its output in `logFile`.
 */
export class BackendProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  readonly #logFile: string;

  private constructor(child: ChildProcess, logFile: string) {
    this.#child = child;
    this.#logFile = logFile;
    this.#exited = new Promise(resolve => child.once('exit', () => resolve()));
  }

  static start(options: {
    configFile: string;
    entities: number;
    logFile: string;
  }): BackendProcess {
    const log = fs.openSync(options.logFile, 'a');
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        path.join(__dirname, 'backendMain.ts'),
        '--config',
        options.configFile,
      ],
      {
        cwd: path.resolve(__dirname, '../../..'),
        env: {
          ...process.env,
          NODE_ENV: 'development',
          MLOPS_FAULT_ENTITIES: String(options.entities),
        },
        stdio: ['ignore', log, log],
      },
    );
    fs.closeSync(log);
    return new BackendProcess(child, options.logFile);
  }

  /** Whether the process has exited. */
  get exited(): boolean {
    return this.#child.exitCode !== null || this.#child.signalCode !== null;
  }

  /** The end of its output, for a failure message. */
  logTail(): string {
    return fs.readFileSync(this.#logFile, 'utf8').slice(-4000);
  }

  /** `kill -9`: the process dies at once, mid-statement if it is in one. */
  async kill(): Promise<void> {
    if (!this.exited) this.#child.kill('SIGKILL');
    await this.#exited;
  }

  /** Stops it as an orchestrator would (SIGTERM), or kills it if it is not gone in 20 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 20_000);
    await this.#exited;
    clearTimeout(timer);
  }
}

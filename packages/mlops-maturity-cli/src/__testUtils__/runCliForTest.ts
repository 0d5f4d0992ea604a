import type { Env } from '../connection';
import { runCli } from '../main';

/** Runs the CLI in place with `env` as its whole environment; answers its exit code and output. */
export async function runCliForTest(argv: string[], env: Env = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
  });
  return { code, stdout, stderr };
}

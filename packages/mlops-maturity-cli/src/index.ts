/**
 * The `mlops-maturity` command line: a CI gate and queries of the MLOps Maturity plugin's API.
 *
 * @packageDocumentation
 */

import { runCli } from './main';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then(
  code => {
    // exitCode, not exit(): stdout may still be flushing into a pipe.
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`mlops-maturity: unexpected error: ${error}\n`);
    process.exitCode = 2;
  },
);

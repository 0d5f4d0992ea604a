import { stringifyError } from '@backstage/errors';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  MaturityLevel,
  parseMaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  ConnectionOptions,
  DEFAULT_TIMEOUT_SECONDS,
  ENV,
  Env,
} from '../connection';
import { CliError, ExitCode, ExitCodeValue } from '../errors';
import { Format, FORMATS } from '../format';

/** Where a run of the CLI writes, and the environment it reads. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Env;
}

/** The options every command takes. */
export interface CommonOptions extends ConnectionOptions {
  format: Format;
}

/** Adds the connection and output options that every command takes. */
export function withCommonOptions(command: Command): Command {
  return command
    .option(
      '--url <url>',
      `the Backstage backend's base URL, e.g. http://localhost:7007 (or ${ENV.url})`,
    )
    .option(
      '--app-url <url>',
      `the Backstage app's base URL, for links to each entity's "MLOps maturity" tab (or ${ENV.appUrl}); without it no links are printed`,
    )
    .option(
      '--timeout <seconds>',
      `how long each request may take, in seconds (default ${DEFAULT_TIMEOUT_SECONDS})`,
    )
    .addOption(
      new Option('--format <format>', 'text for people, json for scripts')
        .choices(FORMATS)
        .default('text'),
    );
}

/** Parses a level option (0 to 4) for commander, which reports the error as a usage error. */
export function levelArgument(value: string): MaturityLevel {
  const level = parseMaturityLevel(value);
  if (level === undefined) {
    throw new InvalidArgumentError('A level is 0, 1, 2, 3 or 4.');
  }
  return level;
}

/** Writes `value` as indented JSON and a newline. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Runs a command's work and answers its exit code. A {@link CliError} becomes its message on
 * stderr (and, with `--format json`, `{ "error": { "message" }, "exitCode": 2 }` on stdout, so
 * that a script reading stdout still gets JSON); anything else is a bug, reported in one line.
 */
export async function runCommand(
  io: CliIo,
  format: Format,
  work: () => Promise<ExitCodeValue>,
): Promise<ExitCodeValue> {
  try {
    return await work();
  } catch (error) {
    const message =
      error instanceof CliError
        ? error.message
        : `unexpected error: ${stringifyError(error)}`;
    io.stderr.write(`mlops-maturity: ${message}\n`);
    if (format === 'json') {
      writeJson(io, { error: { message }, exitCode: ExitCode.error });
    }
    return ExitCode.error;
  }
}

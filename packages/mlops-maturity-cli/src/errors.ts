/**
 * The exit codes of every command.
 *
 * - `ok` (0): the service meets the bar, or the command did what it was asked;
 * - `belowBar` (1): `gate` only, the service is below the bar;
 * - `error` (2): nothing could be decided: a usage error, credentials the backend refused, or a
 *   backend that could not be reached, did not answer in time or failed.
 */
export const ExitCode = { ok: 0, belowBar: 1, error: 2 } as const;

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the CLI reports as its message alone, without a stack trace, and exits with
 * {@link ExitCode}.error.
 */
export class CliError extends Error {
  override name = 'CliError';
}

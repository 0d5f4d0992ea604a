import { Command, CommanderError } from 'commander';
import { DEFAULT_TIMEOUT_SECONDS, ENV } from './connection';
import { ExitCode, ExitCodeValue } from './errors';
import { CliIo } from './commands/common';
import { gateCommand } from './commands/gate';
import { listCommand } from './commands/list';
import { statusCommand } from './commands/status';
import { version } from '../package.json';

export type { CliIo } from './commands/common';

const HELP_FOOTER = `
Environment:
  ${ENV.url}      the backend's base URL, when --url is not given
  ${ENV.token}    the Backstage token: a static external-access token
                          (backend.auth.externalAccess) or a user token
  ${ENV.backstageToken}         the token, when ${ENV.token} is not set
  ${ENV.appUrl}  the app's base URL for links, when --app-url is not given

The token is read from the environment only, so that it shows in no process list
or CI log. Each request times out after --timeout seconds (default ${DEFAULT_TIMEOUT_SECONDS}).

Exit codes:
  0  gate: the bar is met; status, list: done
  1  gate: the entity is below the bar
  2  a usage error, a refused token or permission, no assessment of the entity,
     a backend that cannot be reached, does not answer in time or fails
`;

/**
 * Runs the CLI with `argv` (the arguments after the program name) and answers the exit code;
 * it never exits the process itself, so that tests can run it in place.
 */
export async function runCli(
  argv: string[],
  io: CliIo,
): Promise<ExitCodeValue> {
  let exitCode: ExitCodeValue = ExitCode.ok;
  const exit = (code: ExitCodeValue) => {
    exitCode = code;
  };
  const program = new Command('mlops-maturity')
    .description(
      "The MLOps maturity of Backstage catalog entities, from the MLOps Maturity plugin's API: a CI gate, one entity's status, and lists.",
    )
    .version(version, '-V, --version')
    .addHelpText('after', HELP_FOOTER)
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: text => io.stdout.write(text),
      writeErr: text => io.stderr.write(text),
    })
    .exitOverride();
  for (const command of [
    gateCommand(io, exit),
    statusCommand(io, exit),
    listCommand(io, exit),
  ]) {
    program.addCommand(
      command
        .addHelpText('after', HELP_FOOTER)
        .showHelpAfterError('(add --help for usage)')
        .configureOutput({
          writeOut: text => io.stdout.write(text),
          writeErr: text => io.stderr.write(text),
        })
        .exitOverride(),
    );
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message; help and --version end well, the rest are usage errors.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
    }
    throw error;
  }
  return exitCode;
}

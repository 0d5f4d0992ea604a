import { Command } from 'commander';
import type {
  MaturityFilter,
  MaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { MaturityClient } from '../client';
import { resolveConnection } from '../connection';
import { ExitCode, ExitCodeValue } from '../errors';
import { formatListText } from '../format';
import { entityTabUrl } from '../links';
import {
  CliIo,
  CommonOptions,
  levelArgument,
  runCommand,
  withCommonOptions,
  writeJson,
} from './common';

interface ListOptions extends CommonOptions {
  level?: MaturityLevel;
  belowTarget?: boolean;
  owner?: string;
  system?: string;
  domain?: string;
  lifecycle?: string;
}

/** Lists the assessed ML services that match the filters. */
async function list(io: CliIo, options: ListOptions): Promise<ExitCodeValue> {
  const connection = resolveConnection(options, io.env);
  const filter: MaturityFilter = {
    level: options.level,
    belowTarget: options.belowTarget ? true : undefined,
    owner: options.owner,
    system: options.system,
    domain: options.domain,
    lifecycle: options.lifecycle,
  };
  const { items, total } = await new MaturityClient(
    connection,
  ).listAllAssessments(filter);
  const { appUrl } = connection;
  const rows = appUrl
    ? items.map(i => ({ ...i, url: entityTabUrl(appUrl, i.entityRef) }))
    : items;
  if (options.format === 'json') writeJson(io, { items: rows, total });
  else io.stdout.write(`${formatListText(rows, total)}\n`);
  return ExitCode.ok;
}

/** The `list` command; its exit code goes to `exit`. */
export function listCommand(
  io: CliIo,
  exit: (code: ExitCodeValue) => void,
): Command {
  return withCommonOptions(
    new Command('list')
      .description(
        'Lists the assessed ML services that match every filter given. Exits 0, or 2 on errors.',
      )
      .option('--level <level>', 'only services at this level', levelArgument)
      .option('--below-target', 'only services below their target level')
      .option(
        '--owner <ref>',
        'only services of this owner, e.g. team-a or group:default/team-a',
      )
      .option('--system <ref>', 'only services of this system')
      .option('--domain <ref>', "only services of this domain (their system's)")
      .option('--lifecycle <lifecycle>', 'only services with this lifecycle'),
  ).action(async (options: ListOptions) =>
    exit(await runCommand(io, options.format, () => list(io, options))),
  );
}

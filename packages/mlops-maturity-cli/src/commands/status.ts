import { Command } from 'commander';
import { mlopsMaturityAssessmentRefreshPermission } from '@mlops-maturity/plugin-mlops-maturity-common';
import { MaturityClient } from '../client';
import { resolveConnection } from '../connection';
import { entityRefString, normalizeEntityRef } from '../entityRef';
import { ExitCode, ExitCodeValue } from '../errors';
import { formatStatusText } from '../format';
import { entityTabUrl } from '../links';
import {
  CliIo,
  CommonOptions,
  runCommand,
  withCommonOptions,
  writeJson,
} from './common';

interface StatusOptions extends CommonOptions {
  entity: string;
  refresh?: boolean;
}

/** Prints one entity's assessment. */
async function status(
  io: CliIo,
  options: StatusOptions,
): Promise<ExitCodeValue> {
  const connection = resolveConnection(options, io.env);
  const ref = normalizeEntityRef(options.entity);
  const client = new MaturityClient(connection);
  const assessment = options.refresh
    ? await client.refresh(ref)
    : await client.getAssessment(ref);
  const url = connection.appUrl
    ? entityTabUrl(connection.appUrl, entityRefString(ref))
    : undefined;
  if (options.format === 'json') {
    writeJson(io, { ...assessment, ...(url ? { url } : {}) });
  } else {
    io.stdout.write(`${formatStatusText(assessment, url)}\n`);
  }
  return ExitCode.ok;
}

/** The `status` command; its exit code goes to `exit`. */
export function statusCommand(
  io: CliIo,
  exit: (code: ExitCodeValue) => void,
): Command {
  return withCommonOptions(
    new Command('status')
      .description(
        "Prints one entity's assessment: levels, target, every check, the next level's blockers. Exits 0, or 2 when there is no assessment or on errors.",
      )
      .requiredOption(
        '-e, --entity <ref>',
        'the entity, e.g. component:default/churn-predictor',
      )
      .option(
        '--refresh',
        `re-assess the entity first (needs the permission ${mlopsMaturityAssessmentRefreshPermission.name})`,
      ),
  ).action(async (options: StatusOptions) =>
    exit(await runCommand(io, options.format, () => status(io, options))),
  );
}

import { Command, Option } from 'commander';
import {
  MaturityLevel,
  mlopsMaturityAssessmentRefreshPermission,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { MaturityClient } from '../client';
import { resolveConnection } from '../connection';
import { entityRefString, normalizeEntityRef } from '../entityRef';
import { ExitCode, ExitCodeValue } from '../errors';
import { formatGateText, gateReport } from '../format';
import { entityTabUrl } from '../links';
import { evaluateGate } from '../verdict';
import {
  CliIo,
  CommonOptions,
  levelArgument,
  runCommand,
  withCommonOptions,
  writeJson,
} from './common';

interface GateOptions extends CommonOptions {
  entity: string;
  minLevel?: MaturityLevel;
  target?: boolean;
  verified?: boolean;
  refresh?: boolean;
}

/** Fails a pipeline whose service is below the bar. */
async function gate(io: CliIo, options: GateOptions): Promise<ExitCodeValue> {
  const connection = resolveConnection(options, io.env);
  const ref = normalizeEntityRef(options.entity);
  const client = new MaturityClient(connection);
  // The refresh answers the new assessment, so it replaces the read.
  const [assessment, rubric] = await Promise.all([
    options.refresh ? client.refresh(ref) : client.getAssessment(ref),
    client.getRubric(),
  ]);
  const verdict = evaluateGate(assessment, rubric, {
    bar:
      options.minLevel === undefined
        ? { source: 'target' }
        : { source: 'min-level', level: options.minLevel },
    basis: options.verified ? 'verifiedLevel' : 'level',
  });
  const report = gateReport(assessment, verdict, {
    refreshed: Boolean(options.refresh),
    url: connection.appUrl
      ? entityTabUrl(connection.appUrl, entityRefString(ref))
      : undefined,
  });
  if (options.format === 'json') writeJson(io, report);
  else io.stdout.write(`${formatGateText(report)}\n`);
  return verdict.passed ? ExitCode.ok : ExitCode.belowBar;
}

/** The `gate` command; its exit code goes to `exit`. */
export function gateCommand(
  io: CliIo,
  exit: (code: ExitCodeValue) => void,
): Command {
  return withCommonOptions(
    new Command('gate')
      .description(
        "Exits 0 when the entity's level reaches the bar, 1 when it is below, 2 when that cannot be decided. The bar is the entity's target level unless --min-level is given.",
      )
      .requiredOption(
        '-e, --entity <ref>',
        'the entity, e.g. component:default/churn-predictor (kind and namespace default to component and default)',
      )
      .addOption(
        new Option('--min-level <level>', 'the bar is this level (0-4)')
          .argParser(levelArgument)
          .conflicts('target'),
      )
      .addOption(
        new Option(
          '--target',
          "the bar is the entity's target level (the default)",
        ).conflicts('minLevel'),
      )
      .option(
        '--verified',
        'compare the verified level (live evidence only) instead of the level',
      )
      .option(
        '--refresh',
        `re-assess the entity first (needs the permission ${mlopsMaturityAssessmentRefreshPermission.name})`,
      ),
  ).action(async (options: GateOptions) =>
    exit(await runCommand(io, options.format, () => gate(io, options))),
  );
}

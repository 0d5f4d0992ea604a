import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ML_SERVICE_TAG,
  Rubric,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  readPositiveInteger,
  readToolInstances,
} from '@mlops-maturity/plugin-mlops-maturity-node';
import {
  KUBERNETES_TOOL_KINDS,
  kubernetesClusterNames,
} from '../collectors/kubernetes/kubernetesClusters';
import { loadRubric, rubricToolKinds } from '../rubric/loadRubric';

/**
 * The plugin's configuration, read once at start-up (`mlopsMaturity` in app-config).
 *
 * @internal
 */
export interface MaturityConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** A catalog filter choosing the entities to assess. */
  selector: Record<string, string | string[]>;
  acceptDeclared: boolean;
  historyKeepDays: number;
  /** The removal guard's largest share of assessed entities one run may remove, in percent. */
  removalMaxPercent: number;
  /** Whether owners are notified when a service's level changes (docs/notifications.md). */
  notifications: { enabled: boolean };
  /**
   * Names of the configured instances of each tool kind, in config order; for the Kubernetes
   * rollout kinds, the clusters of Backstage's `kubernetes` config.
   */
  instances: Partial<Record<string, string[]>>;
  rubric: Rubric;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 15 },
};

const INSTANCE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/i;

function readSelector(config: Config): Record<string, string | string[]> {
  // Read as one object: filter keys such as `metadata.tags` contain dots, which config paths
  // would split.
  const filter = config.getOptional('mlopsMaturity.selector.filter');
  if (filter === undefined) return { 'metadata.tags': ML_SERVICE_TAG };
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new Error(
      'mlopsMaturity.selector.filter must be an object of catalog filters',
    );
  }
  const selector: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (
      typeof value !== 'string' &&
      !(Array.isArray(value) && value.every(v => typeof v === 'string'))
    ) {
      throw new Error(
        `mlopsMaturity.selector.filter.${key} must be a string or a list of strings`,
      );
    }
    selector[key] = value as string | string[];
  }
  if (Object.keys(selector).length === 0) {
    throw new Error('mlopsMaturity.selector.filter must not be empty');
  }
  return selector;
}

function readInstances(
  config: Config,
  rubric: Rubric,
): Partial<Record<string, string[]>> {
  const tools = config.getOptionalConfig('mlopsMaturity.tools');
  const instances: Partial<Record<string, string[]>> = {};
  const known = rubricToolKinds(rubric);
  for (const kind of tools?.keys() ?? []) {
    if (KUBERNETES_TOOL_KINDS.includes(kind)) {
      throw new Error(
        `mlopsMaturity.tools.${kind} is not read: ${kind} objects are read from the clusters of Backstage's kubernetes.clusterLocatorMethods, whose names annotations use`,
      );
    }
    if (!known.includes(kind)) {
      throw new Error(
        `mlopsMaturity.tools.${kind} is not a tool kind any rubric annotation names (known: ${known.join(
          ', ',
        )})`,
      );
    }
    const names = tools!.getConfigArray(kind).map((instance, i) => {
      const name = instance.getString('name');
      if (!INSTANCE_NAME.test(name)) {
        throw new Error(
          `mlopsMaturity.tools.${kind}[${i}].name must be letters, digits, - or _, not "${name}"`,
        );
      }
      return name;
    });
    // URLs (no credentials in them) and limits (no concurrency 0) are checked now, at
    // start-up, for every kind, a third-party collector's too.
    readToolInstances(config, kind);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) {
      throw new Error(
        `mlopsMaturity.tools.${kind} names instance "${duplicate}" twice`,
      );
    }
    instances[kind] = names;
  }
  // Backstage validates its own cluster names; they may hold characters an instance name
  // may not, which only means that an annotation cannot name that cluster.
  const clusters = kubernetesClusterNames(config);
  if (clusters.length > 0) {
    for (const kind of KUBERNETES_TOOL_KINDS) instances[kind] = clusters;
  }
  return instances;
}

/** The limits of the built-in collectors that are not tool instances. */
const COLLECTOR_LIMITS = [
  'mlopsMaturity.github.timeoutMs',
  'mlopsMaturity.github.concurrency',
  'mlopsMaturity.kubernetes.timeoutMs',
  'mlopsMaturity.kubernetes.concurrency',
  'mlopsMaturity.kubernetes.pageSize',
];

/**
 * Reads and validates `mlopsMaturity`; throws naming the bad key, so that start-up stops.
 *
 * @internal
 */
export function readMaturityConfig(config: Config): MaturityConfig {
  const schedule = config.has('mlopsMaturity.schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('mlopsMaturity.schedule'),
      )
    : DEFAULT_SCHEDULE;
  const keepDays =
    config.getOptionalNumber('mlopsMaturity.history.keepDays') ?? 400;
  if (!Number.isInteger(keepDays) || keepDays < 1) {
    throw new Error(
      'mlopsMaturity.history.keepDays must be a whole number of days, at least 1',
    );
  }
  for (const key of COLLECTOR_LIMITS) readPositiveInteger(config, key);
  const removalMaxPercent =
    config.getOptionalNumber('mlopsMaturity.removal.maxPercent') ?? 50;
  if (
    !Number.isFinite(removalMaxPercent) ||
    removalMaxPercent < 0 ||
    removalMaxPercent > 100
  ) {
    throw new Error(
      'mlopsMaturity.removal.maxPercent must be a percentage from 0 to 100',
    );
  }
  const rubric = loadRubric(config);
  return {
    schedule,
    selector: readSelector(config),
    acceptDeclared:
      config.getOptionalBoolean('mlopsMaturity.acceptDeclared') ?? true,
    historyKeepDays: keepDays,
    removalMaxPercent,
    notifications: {
      enabled:
        config.getOptionalBoolean('mlopsMaturity.notifications.enabled') ??
        true,
    },
    instances: readInstances(config, rubric),
    rubric,
  };
}

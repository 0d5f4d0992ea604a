import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  formatMaturityLevel,
  parseMaturityLevel,
  type CheckChange,
  type CheckStatus,
  type Rubric,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { LevelRecord, meetsTarget, notifiesOfChange } from './notifiesOfChange';

/**
 * The topic of the plugin's notifications, by which users filter them and switch them off.
 *
 * @internal
 */
export const NOTIFICATION_TOPIC = 'mlops-maturity';

/**
 * A history row that changed a service's standing, with what the notification names.
 *
 * @internal
 */
export interface LevelChange {
  /** The history row's id. */
  id: number;
  entityRef: string;
  /** The entity's `metadata.title`, if it has one. */
  title?: string;
  /** The owner when last assessed; absent once the entity is no longer assessed. */
  owner?: string;
  /** The row before; absent when history retention deleted it. */
  from?: LevelRecord;
  to: LevelRecord;
  /** The check statuses that changed since the row before. */
  changes: CheckChange[];
}

/** Check changes named in a description; the rest are counted. */
const LISTED_CHANGES = 5;

const STATUS_NAMES: Record<CheckStatus, string> = {
  pass: 'pass',
  fail: 'fail',
  'not-declared': 'not declared',
  declared: 'declared',
  unknown: 'unknown',
  invalid: 'invalid',
  waived: 'waived',
};

function levelName(level: number): string {
  const parsed = parseMaturityLevel(level);
  return parsed === undefined ? `L${level}` : formatMaturityLevel(parsed);
}

function statusName(status: CheckStatus | undefined): string {
  return status ? STATUS_NAMES[status] ?? status : 'absent';
}

/**
 * The path of an entity's MLOps maturity tab in the app: the catalog's entity page
 * (`/catalog/:namespace/:kind/:name`) and the tab's `mlops-maturity`.
 *
 * @internal
 */
export function entityTabPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${[namespace, kind.toLocaleLowerCase('en-US'), name]
    .map(encodeURIComponent)
    .join('/')}/mlops-maturity`;
}

function titleOf(name: string, from: LevelRecord, to: LevelRecord): string {
  if (from.level !== to.level) {
    return `${name}: MLOps level ${from.level} → ${to.level}`;
  }
  if (from.verifiedLevel !== to.verifiedLevel) {
    return `${name}: verified MLOps level ${from.verifiedLevel} → ${to.verifiedLevel}`;
  }
  return meetsTarget(to)
    ? `${name}: meets its MLOps target, level ${to.targetLevel}`
    : `${name}: below its MLOps target, level ${to.targetLevel}`;
}

function movement(what: string, from: number, to: number): string {
  return from === to
    ? `${what} ${levelName(to)}, unchanged.`
    : `${what} ${levelName(from)} → ${levelName(to)}.`;
}

function targetSentence(from: LevelRecord, to: LevelRecord): string {
  const met = (r: LevelRecord) => (meetsTarget(r) ? 'met' : 'not met');
  const target =
    from.targetLevel === to.targetLevel
      ? `Target ${levelName(to.targetLevel)}`
      : `Target ${levelName(from.targetLevel)} → ${levelName(to.targetLevel)}`;
  return meetsTarget(from) === meetsTarget(to)
    ? `${target}: ${met(to)}.`
    : `${target}: ${met(to)}, was ${met(from)}.`;
}

function reasonSentence(changes: CheckChange[], rubric: Rubric): string {
  if (changes.length === 0) return 'No check changed status.';
  const titles = new Map(rubric.checks.map(c => [c.id, c.title]));
  const listed = changes
    .slice(0, LISTED_CHANGES)
    .map(
      c =>
        `${titles.get(c.checkId) ?? c.checkId}: ${statusName(
          c.from,
        )} → ${statusName(c.to)}`,
    );
  const more = changes.length - listed.length;
  return `Why: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}

/**
 * The notification of a change to the service's owner: a title with the old and new level,
 * a description with the levels, the target and the checks that changed, and a link to the
 * service's MLOps maturity tab. Undefined when the change is not one the owners are told
 * about ({@link notifiesOfChange}), or the row before it is gone.
 *
 * Its scope is the history row: a notification sent twice (a replica that died before it
 * could record the send) replaces itself, and a later change never replaces an earlier one.
 *
 * @internal
 */
export function levelChangeNotification(
  change: LevelChange,
  rubric: Rubric,
): NotificationSendOptions | undefined {
  const { from, to } = change;
  if (!from || !notifiesOfChange(from, to)) return undefined;
  const name = change.title ?? parseEntityRef(change.entityRef).name;
  const worse =
    to.level < from.level ||
    to.verifiedLevel < from.verifiedLevel ||
    (meetsTarget(from) && !meetsTarget(to));
  return {
    recipients: { type: 'entity', entityRef: change.owner ?? change.entityRef },
    payload: {
      title: titleOf(name, from, to),
      // The app shows the first two lines or so: the level and why come first.
      description: [
        movement('Level', from.level, to.level),
        reasonSentence(change.changes, rubric),
        movement('Verified level', from.verifiedLevel, to.verifiedLevel),
        targetSentence(from, to),
      ].join(' '),
      link: entityTabPath(change.entityRef),
      severity: worse ? 'high' : 'normal',
      topic: NOTIFICATION_TOPIC,
      scope: `mlops-maturity:history:${change.id}`,
      metadata: {
        entityRef: change.entityRef,
        level: to.level,
        previousLevel: from.level,
        verifiedLevel: to.verifiedLevel,
        previousVerifiedLevel: from.verifiedLevel,
        targetLevel: to.targetLevel,
        meetsTarget: meetsTarget(to),
      },
    },
  };
}

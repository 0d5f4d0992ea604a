/**
 * What a history row records of a service's standing: its levels, its target and the rubric
 * they were measured with.
 *
 * @internal
 */
export interface LevelRecord {
  level: number;
  verifiedLevel: number;
  targetLevel: number;
  rubricVersion: string;
}

/**
 * Whether the service reaches its target, as the assessment's `meetsTarget` says.
 *
 * @internal
 */
export function meetsTarget(record: LevelRecord): boolean {
  return record.level >= record.targetLevel;
}

/**
 * Whether the owners are told about a new history row: when the service's level, verified
 * level or whether it meets its target changed. Not for a first assessment, which changes
 * nothing, nor when the rubric version changed: then the definition moved, not the service,
 * and a rubric change would notify every team at once.
 *
 * @internal
 */
export function notifiesOfChange(
  previous: LevelRecord | undefined,
  next: LevelRecord,
): boolean {
  if (!previous || previous.rubricVersion !== next.rubricVersion) return false;
  return (
    previous.level !== next.level ||
    previous.verifiedLevel !== next.verifiedLevel ||
    meetsTarget(previous) !== meetsTarget(next)
  );
}

import {
  Assessment,
  formatMaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';

/**
 * What blocks an entity's next level, in sentences an agent (or a person) can act on: where the
 * service stands against its target, then each blocking check with what it found and what to do.
 *
 * @internal
 */
export function explainNextLevel(assessment: Assessment): string {
  const {
    entityRef,
    level,
    verifiedLevel,
    targetLevel,
    targetReason,
    nextLevel,
  } = assessment;
  const evidenceOnly =
    verifiedLevel < level
      ? ` (${formatMaturityLevel(verifiedLevel)} on live evidence alone)`
      : '';
  const standing = [
    `${entityRef} is at ${formatMaturityLevel(level)}${evidenceOnly}.`,
    assessment.meetsTarget
      ? `It meets its target, ${formatMaturityLevel(
          targetLevel,
        )} (${targetReason}).`
      : `Its target is ${formatMaturityLevel(
          targetLevel,
        )} (${targetReason}), which it does not meet yet.`,
  ];
  if (!nextLevel) {
    return [...standing, 'It is at the highest level.'].join('\n');
  }
  const blockers = nextLevel.blockers.map(
    (b, i) =>
      `${i + 1}. ${b.title} (${b.checkId}, ${b.status}): ${b.message.replace(
        /\.$/,
        '',
      )}. To do: ${b.guidance}`,
  );
  return [
    ...standing,
    `To reach ${formatMaturityLevel(nextLevel.level)}, ${
      blockers.length === 1
        ? 'one check blocks'
        : `${blockers.length} checks block`
    }${nextLevel.effort ? ` (effort: ${nextLevel.effort})` : ''}:`,
    ...blockers,
  ].join('\n');
}

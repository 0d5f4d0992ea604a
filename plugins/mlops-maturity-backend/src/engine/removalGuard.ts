/** A drop of at most this many entities always goes through, so small estates can shrink. */
const ALWAYS_REMOVABLE = 5;

/**
 * Whether a completed run must keep the assessments of the entities that left the selector.
 * An empty catalog answer (a selector typo, a permission policy that denies the plugin's
 * service principal) or a sudden drop looks the same to the run as services really leaving,
 * so it removes nothing when the catalog chose no entity at all while some are assessed, or
 * when it would remove more than `maxPercent` of the assessed entities and more than
 * {@link ALWAYS_REMOVABLE}. `maxPercent` 100 turns the guard off.
 *
 * @internal
 */
export function holdsRemoval(options: {
  /** The entities the catalog chose in this run. */
  selected: number;
  /** The entities assessed before the removal. */
  assessed: number;
  /** How many of those the removal would remove. */
  removing: number;
  maxPercent: number;
}): boolean {
  const { selected, assessed, removing, maxPercent } = options;
  if (removing === 0 || maxPercent >= 100) return false;
  if (selected === 0) return true;
  return removing > ALWAYS_REMOVABLE && removing * 100 > maxPercent * assessed;
}

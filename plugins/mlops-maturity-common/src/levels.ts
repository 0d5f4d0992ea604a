import type { MaturityLevel } from './schema/openapi/generated';

// Generated from the backend plugin's OpenAPI file, as levels are part of the HTTP contract.
export type { MaturityLevel } from './schema/openapi/generated';

/**
 * Every maturity level, lowest first.
 *
 * @public
 */
export const MATURITY_LEVELS: readonly MaturityLevel[] = [0, 1, 2, 3, 4];

/**
 * The framework's name for each level.
 *
 * @public
 */
export const MATURITY_LEVEL_NAMES: Readonly<Record<MaturityLevel, string>> = {
  0: 'Manual',
  1: 'Scripted',
  2: 'Automated',
  3: 'Monitored',
  4: 'Optimized',
};

/**
 * Narrows an unknown value to a maturity level: an integer from 0 to 4, or a string of one.
 *
 * @public
 */
export function parseMaturityLevel(value: unknown): MaturityLevel | undefined {
  const n =
    typeof value === 'string' && /^\s*[0-4]\s*$/.test(value)
      ? Number(value)
      : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 4
    ? (n as MaturityLevel)
    : undefined;
}

/**
 * The display name of a level, such as `L2 Automated`.
 *
 * @public
 */
export function formatMaturityLevel(level: MaturityLevel): string {
  return `L${level} ${MATURITY_LEVEL_NAMES[level]}`;
}

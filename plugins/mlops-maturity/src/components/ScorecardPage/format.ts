import { parseEntityRef } from '@backstage/catalog-model';
import type {
  LevelCounts,
  MaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';

const numberFormat = new Intl.NumberFormat('en-US');

/** A count with thousands separators: `10,000`. */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** The share `part / whole` as a whole percentage, `0%` for an empty whole. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** `63%`, or `–` for an empty whole. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${percent(part, whole)}%` : '–';
}

/**
 * A short name of an entity reference for display: `team-a` for `group:default/team-a`,
 * `ns/team-a` outside the default namespace; anything else as it is (such as `(none)`).
 */
export function displayRef(ref: string): string {
  const compound = tryParseRef(ref);
  if (!compound) {
    return ref;
  }
  return compound.namespace === 'default'
    ? compound.name
    : `${compound.namespace}/${compound.name}`;
}

/** The parts of an entity reference, or `undefined` when it is not one. */
export function tryParseRef(
  ref: string,
): { kind: string; namespace: string; name: string } | undefined {
  if (!ref.includes(':') || !ref.includes('/')) {
    return undefined;
  }
  try {
    return parseEntityRef(ref);
  } catch {
    return undefined;
  }
}

/** The count at one level; `0` when the counts leave it out. */
export function countAt(counts: LevelCounts, level: MaturityLevel): number {
  return counts[String(level) as keyof LevelCounts] ?? 0;
}

/** A count and its noun, plural unless the count is one: `1 level`, `1,200 services`. */
export function formatCountOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

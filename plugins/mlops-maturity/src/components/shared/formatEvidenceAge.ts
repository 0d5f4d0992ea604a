const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const UNITS: Array<[number, string]> = [
  [YEAR, 'year'],
  [MONTH, 'month'],
  [DAY, 'day'],
  [HOUR, 'hour'],
  [MINUTE, 'minute'],
];

/**
 * The age of a piece of evidence in words, such as `3 days ago`.
 *
 * Deterministic (no locale), so that the UI and its tests agree: `just now` under a minute and
 * for timestamps slightly in the future (clock skew), `never observed` when there is none and
 * `unknown age` when the timestamp cannot be read.
 */
export function formatEvidenceAge(
  observedAt: string | undefined,
  now: Date = new Date(),
): string {
  if (!observedAt) {
    return 'never observed';
  }
  const at = Date.parse(observedAt);
  if (Number.isNaN(at)) {
    return 'unknown age';
  }
  const age = now.getTime() - at;
  if (age < MINUTE) {
    return 'just now';
  }
  for (const [size, unit] of UNITS) {
    if (age >= size) {
      const count = Math.floor(age / size);
      return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
    }
  }
  return 'just now';
}

/** A timestamp as `YYYY-MM-DD HH:mm UTC`, or the input itself when it cannot be read. */
export function formatTimestamp(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) {
    return iso;
  }
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A date as `YYYY-MM-DD` (UTC). */
export function formatDate(at: Date | number | string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime())
    ? String(at)
    : date.toISOString().slice(0, 10);
}

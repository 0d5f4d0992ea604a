import type { RetrainCadence } from '@mlops-maturity/plugin-mlops-maturity-node';

const NAMED: Record<string, number> = {
  daily: 1,
  weekly: 7,
  monthly: 30,
  quarterly: 90,
  yearly: 365,
};

const ISO = /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?$/;

/**
 * Parses a retrain cadence: a name (`daily` … `yearly`), `on-drift`, or an ISO 8601 duration
 * of years, months, weeks and days such as `P90D`. Undefined when it is none of these.
 *
 * @internal
 */
export function parseRetrainCadence(value: string): RetrainCadence | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'on-drift') return { kind: 'on-drift' };
  if (v in NAMED) return { kind: 'period', days: NAMED[v], label: v };
  const m = ISO.exec(value.trim().toUpperCase());
  if (!m || value.trim().length < 3) return undefined;
  const [y, mo, w, d] = m.slice(1).map(x => Number(x ?? 0));
  const days = y * 365 + mo * 30 + w * 7 + d;
  return days > 0 ? { kind: 'period', days, label: value.trim() } : undefined;
}

/** The framework's "retrained quarterly" or less often. */
export const QUARTERLY_DAYS = 90;

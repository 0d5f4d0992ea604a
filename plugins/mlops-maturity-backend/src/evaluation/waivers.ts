import type {
  CheckResult,
  Waiver,
} from '@mlops-maturity/plugin-mlops-maturity-common';

/**
 * The waivers that count at `now`: not revoked, and expiring after it. The store reads only
 * these, but a waiver read before a run may expire during it.
 *
 * @internal
 */
export function activeWaivers(waivers: readonly Waiver[], now: Date): Waiver[] {
  return waivers.filter(
    w => !w.revokedAt && new Date(w.expiresAt).getTime() > now.getTime(),
  );
}

/**
 * A check's result under its active waiver, if any: a check that does not count becomes
 * `waived` and counts towards `level`; its status without the waiver is kept as
 * `waivedStatus`. A check that counts anyway (a pass, a kept pass, an accepted claim) keeps
 * its own result: a waiver never hides evidence. `waived` is never a pass, so it never counts
 * towards `verifiedLevel`.
 *
 * @internal
 */
export function applyWaiver(
  result: CheckResult,
  waiver: Waiver | undefined,
): CheckResult {
  if (!waiver || result.counts) return result;
  return {
    ...result,
    status: 'waived',
    waivedStatus: result.status,
    counts: true,
    stale: false,
    message: `Waived by ${waiver.author} until ${waiver.expiresAt.slice(
      0,
      10,
    )}: ${waiver.reason} (without the waiver: ${result.message})`,
  };
}

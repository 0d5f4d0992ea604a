import { InputError } from '@backstage/errors';
import type {
  Rubric,
  WaiverRequest,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { safeText } from '../store/values';
import { queryDate } from './queryChecks';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How far ahead a waiver may expire: a year, so that every decision that a check does not
 * apply is looked at again.
 *
 * @internal
 */
export const MAX_WAIVER_DAYS = 365;

/**
 * A waiver request checked beyond its contract: a check of the rubric, a reason that is not
 * blank (NUL bytes dropped), and an expiry after `now` and at most {@link MAX_WAIVER_DAYS} ahead. Throws an
 * `InputError` that says which.
 *
 * @internal
 */
export function checkedWaiverRequest(
  body: WaiverRequest,
  rubric: Rubric,
  now: Date,
): { checkId: string; reason: string; expiresAt: Date } {
  if (!rubric.checks.some(c => c.id === body.checkId)) {
    throw new InputError(
      `Unknown check ${JSON.stringify(
        body.checkId,
      )}: waivers name a check of the rubric (${rubric.checks
        .map(c => c.id)
        .join(', ')})`,
    );
  }
  // PostgreSQL refuses NUL bytes in text; they carry nothing a reader needs.
  const reason = safeText(body.reason).trim();
  if (reason === '') {
    throw new InputError(
      'A waiver needs a reason: say why the check does not apply',
    );
  }
  let expiresAt: Date;
  try {
    expiresAt = queryDate('expiresAt', body.expiresAt);
  } catch {
    throw new InputError(
      `expiresAt ${JSON.stringify(body.expiresAt)} is not a real date-time`,
    );
  }
  if (expiresAt.getTime() <= now.getTime()) {
    throw new InputError(
      `expiresAt ${body.expiresAt} is not in the future: a waiver must expire after it is granted`,
    );
  }
  if (expiresAt.getTime() > now.getTime() + MAX_WAIVER_DAYS * DAY_MS) {
    throw new InputError(
      `expiresAt ${body.expiresAt} is more than ${MAX_WAIVER_DAYS} days ahead: a waiver lasts at most a year`,
    );
  }
  return { checkId: body.checkId, reason, expiresAt };
}

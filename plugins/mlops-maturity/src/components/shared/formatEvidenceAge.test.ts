import {
  formatDate,
  formatEvidenceAge,
  formatTimestamp,
} from './formatEvidenceAge';

const now = new Date('2026-03-20T12:00:00Z');
const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatEvidenceAge', () => {
  it.each([
    [before(0), 'just now'],
    [before(59 * 1000), 'just now'],
    [before(MINUTE), '1 minute ago'],
    [before(45 * MINUTE), '45 minutes ago'],
    [before(HOUR), '1 hour ago'],
    [before(23 * HOUR + 59 * MINUTE), '23 hours ago'],
    [before(DAY), '1 day ago'],
    [before(3 * DAY + 5 * HOUR), '3 days ago'],
    [before(29 * DAY), '29 days ago'],
    [before(45 * DAY), '1 month ago'],
    [before(200 * DAY), '6 months ago'],
    [before(365 * DAY), '1 year ago'],
    [before(800 * DAY), '2 years ago'],
  ])('%s is %s', (observedAt, expected) => {
    expect(formatEvidenceAge(observedAt, now)).toBe(expected);
  });

  it('treats a timestamp in the future (clock skew) as just now', () => {
    expect(formatEvidenceAge('2026-03-20T12:05:00Z', now)).toBe('just now');
  });

  it('says when there is no evidence or it cannot be read', () => {
    expect(formatEvidenceAge(undefined, now)).toBe('never observed');
    expect(formatEvidenceAge('', now)).toBe('never observed');
    expect(formatEvidenceAge('yesterday-ish', now)).toBe('unknown age');
  });

  it('measures from the current time by default', () => {
    const threeDaysAgo = new Date(Date.now() - 3 * DAY - HOUR).toISOString();
    expect(formatEvidenceAge(threeDaysAgo)).toBe('3 days ago');
  });
});

describe('formatTimestamp and formatDate', () => {
  it('formats in UTC, independent of the locale', () => {
    expect(formatTimestamp('2026-03-17T08:30:12.000+01:00')).toBe(
      '2026-03-17 07:30 UTC',
    );
    expect(formatTimestamp('not a date')).toBe('not a date');
    expect(formatDate('2026-03-17T23:30:00Z')).toBe('2026-03-17');
    expect(formatDate(Date.parse('2026-01-02T00:00:00Z'))).toBe('2026-01-02');
  });
});

import type {
  HistoryEntry,
  HistoryItem,
  WaiverHistoryEntry,
} from '@mlops-maturity/plugin-mlops-maturity-common';

/**
 * An entity's history as the history route answers it: its assessment changes and its
 * waivers' events in one time order. The sort is stable and waiver events go first, so an
 * assessment written in the same millisecond as the grant that caused it follows the grant.
 *
 * @internal
 */
export function mergeHistory(
  assessments: readonly HistoryEntry[],
  waivers: readonly WaiverHistoryEntry[],
): HistoryItem[] {
  const at = (e: HistoryItem) => ('kind' in e ? e.at : e.assessedAt);
  return [...waivers, ...assessments].sort(
    (a, b) => Date.parse(at(a)) - Date.parse(at(b)),
  );
}

import {
  ASSESSMENT_SUMMARY_FIELDS,
  type AssessmentSummary,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import type { AssessmentRow } from './tables';
import { toIso } from './values';

/** The column of an API field: its name in snake_case (`verifiedLevel` is `verified_level`). */
export type ColumnOf<F extends string> = F extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${ColumnOf<Rest>}`
  : F;

/** The column of an API field, such as a scorecard grouping. */
export function columnOf<F extends string>(field: F): ColumnOf<F> {
  return field.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`) as ColumnOf<F>;
}

type SummaryField = (typeof ASSESSMENT_SUMMARY_FIELDS)[number];

/** The columns of an assessment row that hold its summary. */
export type SummaryRow = Pick<AssessmentRow, ColumnOf<SummaryField>>;

/** The columns that hold an assessment's summary, in the summary's field order. */
export const SUMMARY_COLUMNS = ASSESSMENT_SUMMARY_FIELDS.map(columnOf);

/** The summary columns of an assessment to write; absent fields are NULL. */
export function summaryColumns(summary: AssessmentSummary): SummaryRow {
  return {
    ...Object.fromEntries(
      ASSESSMENT_SUMMARY_FIELDS.map(f => [columnOf(f), summary[f] ?? null]),
    ),
    assessed_at: new Date(summary.assessedAt),
  } as SummaryRow;
}

/** The summary a row's summary columns hold; NULL columns are absent fields. */
export function summaryOf(row: SummaryRow): AssessmentSummary {
  return {
    ...Object.fromEntries(
      ASSESSMENT_SUMMARY_FIELDS.map(f => [f, row[columnOf(f)] ?? undefined]),
    ),
    // SQLite reads booleans back as 0/1 and timestamps as epoch milliseconds.
    meetsTarget: Boolean(row.meets_target),
    assessedAt: toIso(row.assessed_at)!,
  } as AssessmentSummary;
}

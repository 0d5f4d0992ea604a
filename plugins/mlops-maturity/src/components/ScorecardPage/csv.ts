import {
  ASSESSMENT_SUMMARY_FIELDS,
  type AssessmentSummary,
} from '@mlops-maturity/plugin-mlops-maturity-common';

/**
 * The columns of the CSV export, in order; also the header row: every summary field.
 */
export const CSV_COLUMNS = ASSESSMENT_SUMMARY_FIELDS;

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Characters that need the cell to be quoted (RFC 4180). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell: text that a spreadsheet would run as a formula gets a leading `'`, and text
 * with a comma, quote or line break is quoted with its quotes doubled. Numbers and booleans
 * are written as they are; absent values as an empty cell.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  let text = String(value);
  if (FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The CSV of assessment summaries: a header row, then one row per summary, lines ended with
 * CRLF (RFC 4180).
 */
export function toCsv(rows: ReadonlyArray<AssessmentSummary>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(CSV_COLUMNS.map(column => csvCell(row[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The file name of an export made at `now`, e.g. `mlops-maturity-2024-05-01.csv`. */
export function csvFileName(now: Date = new Date()): string {
  return `mlops-maturity-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * Makes the browser download `content` as a file: a Blob behind an object URL, clicked
 * through a temporary anchor, and released afterwards.
 */
export function downloadCsv(content: string, fileName: string): void {
  // The byte order mark makes spreadsheet programs read the file as UTF-8.
  const blob = new Blob(['\uFEFF', content], {
    type: 'text/csv;charset=utf-8',
  });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    // Some browsers start the download after the click handler returns.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import type {
  AssessmentSummary,
  MaturityFilter,
  MlopsMaturityApi,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import { csvFileName, downloadCsv, toCsv } from './csv';
import { formatCount, percent } from './format';

/** The largest page the list route answers. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * Every assessment summary of `filter`, page by page (`limit` 500, `cursor`), reporting
 * progress after each page. Stops when `signal` is aborted, and on a cursor that repeats.
 */
export async function fetchAllAssessments(
  api: MlopsMaturityApi,
  filter: MaturityFilter,
  options: {
    signal?: AbortSignal;
    onProgress?(fetched: number, total: number): void;
  } = {},
): Promise<AssessmentSummary[]> {
  const rows: AssessmentSummary[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await api.listAssessments(filter, {
      limit: EXPORT_PAGE_SIZE,
      cursor,
    });
    if (options.signal?.aborted) {
      throw new Error('The export was cancelled');
    }
    rows.push(...page.items);
    options.onProgress?.(rows.length, Math.max(page.total, rows.length));
    cursor = page.nextCursor;
    if (cursor !== undefined) {
      if (seen.has(cursor)) {
        throw new Error(
          `The list of assessments repeated the cursor ${cursor}`,
        );
      }
      seen.add(cursor);
    }
  } while (cursor !== undefined);
  return rows;
}

/** The backend's own message of a failed request when there is one. */
function errorMessage(e: unknown): string {
  if (!(e instanceof Error)) {
    return String(e);
  }
  const cause = (e as { cause?: unknown }).cause;
  return e.name === 'ResponseError' && cause instanceof Error && cause.message
    ? cause.message
    : e.message;
}

type ExportState =
  | { status: 'idle' }
  | { status: 'running'; fetched: number; total?: number }
  | { status: 'done'; rows: number }
  | { status: 'error'; message: string };

/**
 * Downloads the assessments of the current filters as CSV. It is the only place that reads
 * every row, a page of 500 at a time, with the progress shown and a way to cancel.
 */
export function ExportCsvButton(props: { filter: MaturityFilter }) {
  const { filter } = props;
  const api = useApi(mlopsMaturityApiRef);
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const abortRef = useRef<AbortController>();

  // Stop fetching pages when the page goes away.
  useEffect(() => () => abortRef.current?.abort(), []);

  const start = useCallback(async () => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setState({ status: 'running', fetched: 0 });
    try {
      const rows = await fetchAllAssessments(api, filter, {
        signal: controller.signal,
        onProgress: (fetched, total) =>
          setState({ status: 'running', fetched, total }),
      });
      downloadCsv(toCsv(rows), csvFileName());
      setState({ status: 'done', rows: rows.length });
    } catch (e) {
      if (controller.signal.aborted) {
        return;
      }
      setState({ status: 'error', message: errorMessage(e) });
    }
  }, [api, filter]);

  const cancel = useCallback(() => {
    abortRef.current?.abort();
    setState({ status: 'idle' });
  }, []);

  const running = state.status === 'running';

  return (
    <Box
      display="flex"
      flexDirection="column"
      alignItems="flex-end"
      minWidth={220}
    >
      <Box display="flex" style={{ gap: 8 }}>
        <Button
          variant="outlined"
          size="small"
          startIcon={<GetAppIcon />}
          onClick={start}
          disabled={running}
        >
          Export CSV
        </Button>
        {running && (
          <Button size="small" onClick={cancel}>
            Cancel export
          </Button>
        )}
      </Box>
      {running && (
        <Box width="100%" mt={1}>
          <LinearProgress
            variant={state.total ? 'determinate' : 'indeterminate'}
            value={
              state.total ? percent(state.fetched, state.total) : undefined
            }
            aria-label="Export progress"
          />
        </Box>
      )}
      <Typography variant="caption" role="status" aria-live="polite">
        {state.status === 'running' &&
          (state.total
            ? `Exporting ${formatCount(state.fetched)} of ${formatCount(
                state.total,
              )} services…`
            : 'Exporting…')}
        {state.status === 'done' &&
          `Exported ${formatCount(state.rows)} services.`}
      </Typography>
      {state.status === 'error' && (
        <Typography variant="caption" color="error" role="alert">
          The export failed: {state.message}
        </Typography>
      )}
    </Box>
  );
}

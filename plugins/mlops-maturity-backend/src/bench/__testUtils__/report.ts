// The benchmarks' targets and printed tables: per database (bench.test.ts) and at scale
// (scale.bench.test.ts).
import { CLIENTS, LatencyStats } from './load';

export const TARGETS = {
  entitiesPerSecond: 500,
  p95: { entity: 15, scorecard: 60, list: 30 } as Record<string, number>,
};

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** One table row: cells padded to widths; a negative width pads on the right (text). */
function tableRow(cells: string[], widths: number[]): string {
  return `| ${cells
    .map((c, i) =>
      widths[i] < 0 ? c.padEnd(-widths[i]) : c.padStart(widths[i]),
    )
    .join(' | ')} |`;
}

function tableRule(widths: number[]): string {
  return `+${widths.map(w => '-'.repeat(Math.abs(w) + 2)).join('+')}+`;
}

/** The printed results of one database. */
export function formatTable(
  databaseId: string,
  r: Record<string, any>,
): string {
  const lines: string[] = [];
  const w = [-46, 14, -14];
  const row = (label: string, value: string, check = '') =>
    lines.push(tableRow([label, value, check], w));
  const target = (ok: boolean | undefined, text: string) =>
    ok === undefined ? '' : `${verdict(ok)} ${text}`;

  lines.push('', tableRule(w));
  row(`MLOps maturity benchmark: ${databaseId}`, 'value', 'target');
  lines.push(tableRule(w));
  row(
    `full first run, entities/s (${fmt(r.firstRunSeconds, 2)} s)`,
    fmt(r.entitiesPerSecond),
    target(
      r.entitiesPerSecond === undefined
        ? undefined
        : r.entitiesPerSecond >= TARGETS.entitiesPerSecond,
      `>= ${TARGETS.entitiesPerSecond}`,
    ),
  );
  row(
    'first run: assessed/changed/failed',
    r.firstRun
      ? `${r.firstRun.assessed}/${r.firstRun.changed}/${r.firstRun.failed}`
      : '-',
  );
  row(
    `second run, entities/s (${fmt(r.secondRunSeconds, 2)} s)`,
    fmt(r.secondRunEntitiesPerSecond),
  );
  row(
    'second run: history rows added (run.changed)',
    r.secondRun ? String(r.secondRun.changed) : '-',
    target(r.secondRun ? r.secondRun.changed === 0 : undefined, '= 0'),
  );
  row(
    'second run: history rows added (row count)',
    String(r.secondRunHistoryRowsAdded ?? '-'),
    target(
      r.secondRunHistoryRowsAdded === undefined
        ? undefined
        : r.secondRunHistoryRowsAdded === 0,
      '= 0',
    ),
  );
  row(
    'history rows after first run',
    String(r.historyRowsAfterFirstRun ?? '-'),
  );
  row('DB bytes/entity (whole database)', fmt(r.dbBytesPerEntity, 0));
  row(
    'DB bytes/entity (growth over empty schema)',
    fmt(r.dbGrowthBytesPerEntity, 0),
  );
  if (r.pluginTableBytesPerEntity !== undefined) {
    row(
      'DB bytes/entity (mlops_* tables + indexes)',
      fmt(r.pluginTableBytesPerEntity, 0),
    );
  }
  row(
    'test catalog getEntityByRef p50 ms (context)',
    fmt(r.mockCatalogGetEntityByRefMs, 2),
  );
  lines.push(tableRule(w));

  const rw = [-10, 8, 7, 7, 7, 7, 7, 12, -13];
  lines.push(tableRule(rw));
  lines.push(
    tableRow(
      [
        `${CLIENTS} clients`,
        'requests',
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'non-200',
        '1-client p50',
        'p95 target',
      ],
      rw,
    ),
  );
  lines.push(tableRule(rw));
  for (const [name, s] of Object.entries(
    (r.routes ?? {}) as Record<string, LatencyStats & { serial: LatencyStats }>,
  )) {
    const limit = TARGETS.p95[name];
    lines.push(
      tableRow(
        [
          name,
          String(s.requests),
          fmt(s.rps),
          fmt(s.p50, 2),
          fmt(s.p95, 2),
          fmt(s.p99, 2),
          String(s.non200),
          fmt(s.serial?.p50, 2),
          `${verdict(s.p95 <= limit)} <= ${limit}`,
        ],
        rw,
      ),
    );
  }
  lines.push(tableRule(rw), '');
  return lines.join('\n');
}

export const SCALE_TARGETS = { entitiesPerSecond: 1000 };

/** The printed results of the scale benchmark (scale.bench.test.ts). */
export function formatScaleTable(r: Record<string, any>): string {
  const lines: string[] = [];
  const w = [-46, 14, -14];
  const row = (label: string, value: string, check = '') =>
    lines.push(tableRow([label, value, check], w));
  lines.push('', tableRule(w));
  row(`MLOps maturity at scale: ${r.database}`, 'value', 'target');
  lines.push(tableRule(w));
  row('declared-only services', String(r.entities));
  row(
    `full run, entities/s (${fmt(r.runSeconds, 1)} s)`,
    fmt(r.entitiesPerSecond),
    r.entitiesPerSecond === undefined
      ? ''
      : `${verdict(
          r.entitiesPerSecond >= SCALE_TARGETS.entitiesPerSecond,
        )} >= ${SCALE_TARGETS.entitiesPerSecond}`,
  );
  row('RSS before the run, MB', fmt(r.rssBeforeRunMb, 0));
  row('peak RSS during the run, MB', fmt(r.peakRssMb, 0));
  row('peak RSS growth, MB', fmt(r.peakRssGrowthMb, 0));
  row('peak V8 heap used, MB', fmt(r.peakHeapUsedMb, 0));
  row(
    'peak live heap (after a full GC, every 5 s), MB',
    fmt(r.peakLiveHeapMb, 0),
  );
  row(
    'mlops_* tables + indexes, bytes/entity',
    fmt(r.pluginTableBytesPerEntity, 0),
  );
  lines.push(tableRule(w));
  const routes = Object.entries(
    (r.routes ?? {}) as Record<string, LatencyStats>,
  );
  if (routes.length > 0) {
    const rw = [-10, 8, 7, 7, 7, 8, 8, 7];
    lines.push(tableRule(rw));
    lines.push(
      tableRow(
        [
          `${r.loadClients} clients`,
          'requests',
          'req/s',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'max ms',
          'non-200',
        ],
        rw,
      ),
    );
    lines.push(tableRule(rw));
    for (const [name, s] of routes) {
      lines.push(
        tableRow(
          [
            name,
            String(s.requests),
            fmt(s.rps),
            fmt(s.p50, 1),
            fmt(s.p95, 1),
            fmt(s.p99, 1),
            fmt(s.max, 0),
            String(s.non200),
          ],
          rw,
        ),
      );
    }
    lines.push(tableRule(rw));
  }
  lines.push('');
  return lines.join('\n');
}

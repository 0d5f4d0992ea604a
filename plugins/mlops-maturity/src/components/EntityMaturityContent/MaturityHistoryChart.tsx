import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  formatMaturityLevel,
  HistoryEntry,
  MATURITY_LEVELS,
  MaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { formatDate } from '../shared/formatEvidenceAge';
import {
  CurrentState,
  summarizeHistory,
  toHistoryPoints,
} from './historySummary';

const useStyles = makeStyles(theme => ({
  figure: {
    margin: 0,
  },
  caption: {
    marginTop: theme.spacing(1),
  },
  table: {
    borderCollapse: 'collapse',
    marginTop: theme.spacing(1),
    width: '100%',
    '& th, & td': {
      textAlign: 'left',
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.palette.divider}`,
      verticalAlign: 'top',
    },
  },
  details: {
    marginTop: theme.spacing(1),
    '& > summary': {
      cursor: 'pointer',
    },
  },
}));

/** @public */
export interface MaturityHistoryChartProps {
  history: HistoryEntry[];
  /** The current assessment, drawn as the last point. */
  current?: CurrentState;
  /** A fixed width in pixels; the chart fills its container when absent. */
  width?: number;
  height?: number;
}

const levelTick = (value: number) =>
  MATURITY_LEVELS.includes(value as MaturityLevel) ? `L${value}` : '';

/**
 * The level and verified level over time as step lines, with a text summary as the figure's
 * caption and the rows as a table behind a disclosure, for those who cannot see the chart.
 */
export function MaturityHistoryChart(props: MaturityHistoryChartProps) {
  const { history, current, width, height = 240 } = props;
  const classes = useStyles();
  const theme = useTheme();
  const points = toHistoryPoints(history, current);
  const summary = summarizeHistory(points);

  if (points.length === 0) {
    return <Typography variant="body2">{summary}</Typography>;
  }

  const dark = theme.palette.type === 'dark';
  const series = [
    {
      dataKey: 'level',
      name: 'Level',
      stroke: theme.palette.primary.main,
      strokeWidth: 2,
    },
    {
      dataKey: 'verifiedLevel',
      name: 'Verified level',
      stroke: dark ? '#81c784' : '#2e7d32',
      strokeWidth: 2,
      strokeDasharray: '6 3',
    },
    {
      dataKey: 'targetLevel',
      name: 'Target',
      stroke: dark ? '#ffb74d' : '#b26a00',
      strokeDasharray: '2 2',
      dot: false,
    },
  ];

  const chart = (
    <LineChart
      data={points}
      width={width}
      height={height}
      margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={(t: number) => formatDate(t)}
      />
      <YAxis
        domain={[0, 4]}
        ticks={[...MATURITY_LEVELS]}
        allowDecimals={false}
        tickFormatter={levelTick}
        width={40}
      />
      <Tooltip
        labelFormatter={(t: number) => formatDate(t)}
        formatter={(value: number, name: string) => [
          formatMaturityLevel(value as MaturityLevel),
          name,
        ]}
      />
      <Legend />
      {points
        .filter(p => p.rubricChanged)
        .map(p => (
          <ReferenceLine
            key={p.t}
            x={p.t}
            stroke={theme.palette.text.secondary}
            strokeDasharray="2 4"
            label={{ value: `rubric ${p.rubricVersion}`, position: 'top' }}
          />
        ))}
      {series.map(line => (
        <Line
          key={line.dataKey}
          type="stepAfter"
          isAnimationActive={false}
          {...line}
        />
      ))}
    </LineChart>
  );

  let sized: ReactNode = chart;
  if (width === undefined) {
    sized = (
      <ResponsiveContainer width="100%" height={height}>
        {chart}
      </ResponsiveContainer>
    );
  }

  return (
    <figure className={classes.figure}>
      <div role="img" aria-label={`Maturity history chart. ${summary}`}>
        {sized}
      </div>
      <Typography
        component="figcaption"
        variant="body2"
        className={classes.caption}
      >
        {summary}
      </Typography>
      <details className={classes.details}>
        <summary>
          <Typography variant="body2" component="span">
            Show the history as a table
          </Typography>
        </summary>
        <table
          className={classes.table}
          aria-label="Maturity history, oldest first"
        >
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Level</th>
              <th scope="col">Verified</th>
              <th scope="col">Target</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {[...history]
              .sort((a, b) => a.assessedAt.localeCompare(b.assessedAt))
              .map(entry => (
                <tr key={entry.assessedAt}>
                  <td>
                    <time dateTime={entry.assessedAt}>
                      {formatDate(entry.assessedAt)}
                    </time>
                  </td>
                  <td>{formatMaturityLevel(entry.level)}</td>
                  <td>{formatMaturityLevel(entry.verifiedLevel)}</td>
                  <td>{formatMaturityLevel(entry.targetLevel)}</td>
                  <td>
                    {[
                      entry.rubricChanged
                        ? `rubric changed to ${entry.rubricVersion}`
                        : undefined,
                      ...entry.changes.map(
                        c => `${c.checkId}: ${c.from ?? '—'} → ${c.to ?? '—'}`,
                      ),
                    ]
                      .filter(Boolean)
                      .join('; ') || '—'}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

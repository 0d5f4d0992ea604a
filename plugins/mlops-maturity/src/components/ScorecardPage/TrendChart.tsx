import { useMemo } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatMaturityLevel,
  MATURITY_LEVELS,
  type MaturityFilter,
  type TrendPoint,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import useAsync from 'react-use/esm/useAsync';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import { formatDate, formatTimestamp, LEVEL_COLORS } from '../shared';
import { ChartBox } from './ChartBox';
import { ColumnHeaders } from './ColumnHeaders';
import { countAt, formatCount, formatShare } from './format';

const useStyles = makeStyles(theme => ({
  details: {
    marginTop: theme.spacing(2),
    '& summary': {
      cursor: 'pointer',
      ...theme.typography.body2,
    },
  },
}));

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * How the moments of a trend read: dates, or times as well when the trend spans less than two
 * days (it starts at the first recorded assessment, which may be today).
 */
export function trendMomentFormat(
  points: readonly TrendPoint[],
): (at: string) => string {
  const span =
    points.length > 1
      ? Date.parse(points[points.length - 1].at) - Date.parse(points[0].at)
      : 0;
  return span < TWO_DAYS_MS ? formatTimestamp : formatDate;
}

/** A sentence that says what the chart shows, for screen readers. */
export function describeTrend(points: TrendPoint[]): string {
  if (points.length === 0) {
    return 'No trend data.';
  }
  const formatMoment = trendMomentFormat(points);
  const first = points[0];
  const last = points[points.length - 1];
  const levels = (p: TrendPoint) =>
    MATURITY_LEVELS.map(
      l => `${formatMaturityLevel(l)}: ${formatCount(countAt(p.byLevel, l))}`,
    ).join(', ');
  return (
    `Services per level from ${formatMoment(first.at)} to ${formatMoment(
      last.at,
    )}. ` +
    `On ${formatMoment(first.at)}: ${levels(first)}. ` +
    `On ${formatMoment(last.at)}: ${levels(last)}.`
  );
}

/**
 * How the distribution by level evolved, from the first recorded assessment: a stacked area per
 * level, and the same numbers in a table for screen readers and keyboard users. Filtered by
 * owner, system, domain and lifecycle; the trend has no level filter.
 */
export function TrendChart(props: {
  filter: Pick<MaturityFilter, 'owner' | 'system' | 'domain' | 'lifecycle'>;
  levelFiltered?: boolean;
}) {
  const { filter, levelFiltered } = props;
  const classes = useStyles();
  const api = useApi(mlopsMaturityApiRef);
  const filterKey = JSON.stringify(filter);
  const { value, loading, error } = useAsync(
    () => api.getTrend(filter),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey],
  );

  const data = useMemo(
    () =>
      (value?.points ?? []).map(point => ({
        at: point.at,
        ...Object.fromEntries(
          MATURITY_LEVELS.map(l => [`L${l}`, countAt(point.byLevel, l)]),
        ),
      })),
    [value],
  );

  const formatMoment = trendMomentFormat(value?.points ?? []);
  let body;
  if (error) {
    body = (
      <ResponseErrorPanel error={error} title="Could not load the trend" />
    );
  } else if (!value) {
    body = loading ? <Progress /> : null;
  } else if (value.points.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No history yet; the trend fills in as services are assessed.
      </Typography>
    );
  } else {
    body = (
      <>
        <ChartBox
          height={300}
          role="img"
          aria-label={describeTrend(value.points)}
        >
          <AreaChart
            data={data}
            margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="at" tickFormatter={formatMoment} minTickGap={24} />
            <YAxis allowDecimals={false} />
            <Tooltip
              labelFormatter={label => formatMoment(String(label))}
              formatter={(count: number) => formatCount(count)}
            />
            <Legend />
            {MATURITY_LEVELS.map(level => (
              <Area
                key={level}
                type="monotone"
                dataKey={`L${level}`}
                name={formatMaturityLevel(level)}
                stackId="levels"
                stroke={LEVEL_COLORS[level]}
                fill={LEVEL_COLORS[level]}
                fillOpacity={0.7}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </ChartBox>
        <details className={classes.details}>
          <summary>Trend as a table</summary>
          <Table size="small" aria-label="Services per level over time">
            <ColumnHeaders
              columns={[
                { label: 'Date' },
                ...MATURITY_LEVELS.map(level => ({
                  label: formatMaturityLevel(level),
                  numeric: true,
                })),
                { label: 'Total', numeric: true },
                { label: 'Meets target', numeric: true },
              ]}
            />
            <TableBody>
              {value.points.map(point => (
                <TableRow key={point.at}>
                  <TableCell component="th" scope="row">
                    {formatMoment(point.at)}
                  </TableCell>
                  {MATURITY_LEVELS.map(level => (
                    <TableCell key={level} align="right">
                      {formatCount(countAt(point.byLevel, level))}
                    </TableCell>
                  ))}
                  <TableCell align="right">
                    {formatCount(point.total)}
                  </TableCell>
                  <TableCell align="right">
                    {formatShare(point.meetsTarget, point.total)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </details>
      </>
    );
  }

  return (
    <InfoCard
      title="Trend"
      titleTypographyProps={{ component: 'h2' }}
      subheader={
        levelFiltered
          ? 'Services per level over time; the level filter does not apply here'
          : 'Services per level over time'
      }
    >
      {body}
    </InfoCard>
  );
}

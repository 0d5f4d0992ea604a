import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatMaturityLevel,
  MATURITY_LEVELS,
  type Scorecard,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { LEVEL_COLORS } from '../shared';
import { ChartBox } from './ChartBox';
import { countAt, formatCount, formatShare } from './format';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(4),
    marginBottom: theme.spacing(2),
  },
  figure: {
    fontSize: '2rem',
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.2,
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 3),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    marginRight: theme.spacing(1),
    borderRadius: 2,
    verticalAlign: 'middle',
  },
}));

/**
 * How many services sit at each level, the share that meets its target and how many are
 * below it. The bar chart is decoration; the list under it says the same in text.
 */
export function LevelDistribution(props: { scorecard: Scorecard }) {
  const { scorecard } = props;
  const classes = useStyles();
  const below = scorecard.total - scorecard.meetsTarget;
  const data = MATURITY_LEVELS.map(level => ({
    level,
    name: `L${level}`,
    label: formatMaturityLevel(level),
    count: countAt(scorecard.byLevel, level),
  }));

  return (
    <InfoCard
      title="Distribution by level"
      titleTypographyProps={{ component: 'h2' }}
      subheader={`${formatCount(scorecard.total)} assessed ML services`}
    >
      <div className={classes.figures}>
        <div>
          <Typography className={classes.figure} component="p">
            {formatShare(scorecard.meetsTarget, scorecard.total)}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            meet their target ({formatCount(scorecard.meetsTarget)} of{' '}
            {formatCount(scorecard.total)})
          </Typography>
        </div>
        <div>
          <Typography className={classes.figure} component="p">
            {formatCount(below)}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            below their target
          </Typography>
        </div>
      </div>
      <ChartBox
        height={220}
        aria-hidden="true"
        data-testid="level-distribution-chart"
      >
        <BarChart
          data={data}
          margin={{ top: 20, right: 8, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip formatter={(value: number) => formatCount(value)} />
          <Bar dataKey="count" name="Services" isAnimationActive={false}>
            {data.map(d => (
              <Cell key={d.level} fill={LEVEL_COLORS[d.level]} />
            ))}
            <LabelList dataKey="count" position="top" />
          </Bar>
        </BarChart>
      </ChartBox>
      <ul className={classes.list} aria-label="Services per level">
        {data.map(d => (
          <li key={d.level}>
            <span
              className={classes.swatch}
              style={{ backgroundColor: LEVEL_COLORS[d.level] }}
              aria-hidden="true"
            />
            <Typography variant="body2" component="span">
              {d.label}: {formatCount(d.count)} (
              {formatShare(d.count, scorecard.total)})
            </Typography>
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}

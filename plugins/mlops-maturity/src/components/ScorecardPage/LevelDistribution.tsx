import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles, useTheme } from '@material-ui/core/styles';
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
import { countAt, formatCount, formatCountOf, formatShare } from './format';

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
  legend: {
    display: 'flex',
    gap: theme.spacing(3),
    justifyContent: 'center',
    marginTop: theme.spacing(1),
  },
  /** A verified bar: the level's colour, lighter, with a solid outline. */
  verifiedSwatch: {
    boxSizing: 'border-box',
    border: `2px solid ${theme.palette.text.secondary}`,
  },
}));

/** How light a verified bar is beside the declared one, which is solid. */
const VERIFIED_OPACITY = 0.35;

/**
 * How many services sit at each level, declared (declared and verified evidence) beside
 * verified (live evidence only); the share that meets its target, how many are below it and
 * how many levels are declared but unproven. The bar chart is decoration; the list under it
 * says the same in text.
 */
export function LevelDistribution(props: { scorecard: Scorecard }) {
  const { scorecard } = props;
  const classes = useStyles();
  const theme = useTheme();
  const below = scorecard.total - scorecard.meetsTarget;
  const data = MATURITY_LEVELS.map(level => ({
    level,
    name: `L${level}`,
    label: formatMaturityLevel(level),
    declared: countAt(scorecard.byLevel, level),
    verified: countAt(scorecard.byVerifiedLevel, level),
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
        <div>
          <Typography className={classes.figure} component="p">
            {formatCount(scorecard.unprovenLevels)}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {scorecard.unprovenLevels === 1 ? 'level' : 'levels'} declared but
            unproven (in {formatCountOf(scorecard.unproven, 'service')})
          </Typography>
        </div>
      </div>
      <Typography variant="body2" color="textSecondary" paragraph>
        Declared levels count declared and verified evidence; verified levels
        count live evidence only.
      </Typography>
      <div aria-hidden="true">
        <ChartBox height={220} data-testid="level-distribution-chart">
          <BarChart
            data={data}
            margin={{ top: 20, right: 8, left: 0, bottom: 0 }}
            barGap={2}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} />
            <Tooltip formatter={(value: number) => formatCount(value)} />
            <Bar dataKey="declared" name="Declared" isAnimationActive={false}>
              {data.map(d => (
                <Cell key={d.level} fill={LEVEL_COLORS[d.level]} />
              ))}
              <LabelList dataKey="declared" position="top" />
            </Bar>
            <Bar dataKey="verified" name="Verified" isAnimationActive={false}>
              {data.map(d => (
                <Cell
                  key={d.level}
                  fill={LEVEL_COLORS[d.level]}
                  fillOpacity={VERIFIED_OPACITY}
                  stroke={LEVEL_COLORS[d.level]}
                  strokeWidth={2}
                />
              ))}
              <LabelList dataKey="verified" position="top" />
            </Bar>
          </BarChart>
        </ChartBox>
        <div className={classes.legend}>
          <Typography variant="body2" component="span">
            <span
              className={classes.swatch}
              style={{ backgroundColor: theme.palette.text.secondary }}
            />
            Declared
          </Typography>
          <Typography variant="body2" component="span">
            <span
              className={`${classes.swatch} ${classes.verifiedSwatch}`}
              style={{
                backgroundColor: alpha(
                  theme.palette.text.secondary,
                  VERIFIED_OPACITY,
                ),
              }}
            />
            Verified
          </Typography>
        </div>
      </div>
      <ul className={classes.list} aria-label="Services per level">
        {data.map(d => (
          <li key={d.level}>
            <span
              className={classes.swatch}
              style={{ backgroundColor: LEVEL_COLORS[d.level] }}
              aria-hidden="true"
            />
            <Typography variant="body2" component="span">
              {d.label}: {formatCount(d.declared)} declared (
              {formatShare(d.declared, scorecard.total)}),{' '}
              {formatCount(d.verified)} verified (
              {formatShare(d.verified, scorecard.total)})
            </Typography>
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}

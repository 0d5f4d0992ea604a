import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  formatMaturityLevel,
  MATURITY_LEVELS,
  ML_SERVICE_TAG,
  type Rubric,
  type Scorecard,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import {
  countAt,
  formatCount,
  formatCountOf,
  formatShare,
} from '../ScorecardPage/format';
import { errorMessage } from '../shared/errors';
import { LEVEL_COLORS } from '../shared/LevelBadge';
import { useScorecardHref } from './useScorecardHref';

/** How many of the team's most common blockers the card names. */
const TOP_BLOCKERS = 3;

const useStyles = makeStyles(theme => ({
  figure: {
    fontSize: '2rem',
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.2,
  },
  section: {
    marginTop: theme.spacing(2),
  },
  heading: {
    display: 'block',
    textTransform: 'uppercase',
    letterSpacing: '0.05em',
    fontWeight: 600,
    marginBottom: theme.spacing(0.5),
  },
  bar: {
    display: 'flex',
    height: 10,
    borderRadius: 5,
    overflow: 'hidden',
    margin: theme.spacing(1, 0),
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.25, 0),
  },
  swatch: {
    display: 'inline-block',
    flex: 'none',
    width: 12,
    height: 12,
    borderRadius: 2,
  },
}));

function Caption(props: { children: string }) {
  const classes = useStyles();
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="h3"
      className={classes.heading}
    >
      {props.children}
    </Typography>
  );
}

/** Services per level: a bar (decoration) and the same in a list, each count linked. */
function Distribution(props: {
  scorecard: Scorecard;
  href: ReturnType<typeof useScorecardHref>;
}) {
  const { scorecard, href } = props;
  const classes = useStyles();
  const levels = MATURITY_LEVELS.map(level => ({
    level,
    count: countAt(scorecard.byLevel, level),
  }));
  return (
    <div className={classes.section}>
      <Caption>Services per level</Caption>
      <div className={classes.bar} aria-hidden="true">
        {levels
          .filter(l => l.count > 0)
          .map(l => (
            <span
              key={l.level}
              style={{
                flexGrow: l.count,
                backgroundColor: LEVEL_COLORS[l.level],
              }}
            />
          ))}
      </div>
      <ul className={classes.list} aria-label="Services per level">
        {levels.map(({ level, count }) => {
          const label = `${formatMaturityLevel(level)}: ${formatCount(count)}`;
          const to = count > 0 ? href(level) : undefined;
          return (
            <li key={level} className={classes.item}>
              <span
                className={classes.swatch}
                style={{ backgroundColor: LEVEL_COLORS[level] }}
                aria-hidden="true"
              />
              <Typography variant="body2" component="span">
                {to ? <Link to={to}>{label}</Link> : label}
              </Typography>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function TopBlockers(props: { scorecard: Scorecard; rubric?: Rubric }) {
  const { scorecard, rubric } = props;
  const classes = useStyles();
  const checks = new Map(rubric?.checks.map(c => [c.id, c]));
  const blockers = scorecard.topBlockers.slice(0, TOP_BLOCKERS);
  return (
    <div className={classes.section}>
      <Caption>Top blockers</Caption>
      {blockers.length === 0 ? (
        <Typography variant="body2">
          Nothing keeps these services from their next level.
        </Typography>
      ) : (
        <ol className={classes.list} aria-label="Top blockers">
          {blockers.map(blocker => {
            const check = checks.get(blocker.checkId);
            return (
              <li key={blocker.checkId} className={classes.item}>
                <Typography variant="body2" component="span">
                  <strong>{check?.title ?? blocker.checkId}</strong>
                  {check ? ` (${formatMaturityLevel(check.level)})` : ''} —
                  blocks {formatCountOf(blocker.count, 'service')}
                </Typography>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

function Summary(props: {
  scorecard: Scorecard;
  rubric?: Rubric;
  href: ReturnType<typeof useScorecardHref>;
}) {
  const { scorecard, rubric, href } = props;
  const classes = useStyles();
  return (
    <>
      <Typography className={classes.figure} component="p">
        {formatShare(scorecard.meetsTarget, scorecard.total)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        at their target ({formatCount(scorecard.meetsTarget)} of{' '}
        {formatCountOf(scorecard.total, 'ML service')})
      </Typography>
      <Distribution scorecard={scorecard} href={href} />
      <TopBlockers scorecard={scorecard} rubric={rubric} />
    </>
  );
}

/**
 * The card of a group's page: how the ML services the group owns are spread over the levels,
 * the share at their target and the checks that most often block their next level, with links
 * to the scorecard page filtered by the group.
 *
 * @public
 */
export function EntityGroupMaturityCard() {
  const { entity } = useEntity();
  const ownerRef = stringifyEntityRef(entity);
  const api = useApi(mlopsMaturityApiRef);
  const href = useScorecardHref(ownerRef);
  const { value, loading, error } = useAsync(async () => {
    const scorecard = await api.getScorecard('owner', { owner: ownerRef });
    // The rubric only names the blockers; without it they show by their check ids.
    const rubric =
      scorecard.topBlockers.length > 0
        ? await api.getRubric().catch(() => undefined)
        : undefined;
    return { scorecard, rubric };
  }, [api, ownerRef]);

  let body;
  if (loading) {
    body = <Progress aria-label="Loading the team's MLOps maturity" />;
  } else if (error) {
    body = (
      <Typography variant="body2" color="error" role="alert">
        Could not load the team's MLOps maturity: {errorMessage(error)}
      </Typography>
    );
  } else if (value && value.scorecard.total === 0) {
    body = (
      <Typography variant="body2">
        This group owns no assessed ML services. Services tagged{' '}
        <code>{ML_SERVICE_TAG}</code> are assessed on the next scheduled run.
      </Typography>
    );
  } else if (value) {
    body = (
      <Summary scorecard={value.scorecard} rubric={value.rubric} href={href} />
    );
  }

  const scorecardHref = value?.scorecard.total ? href() : undefined;
  return (
    // The test id marks the card for browser tests and accessibility checks.
    <div data-testid="mlops-group-card">
      <InfoCard
        title="MLOps maturity"
        titleTypographyProps={{ component: 'h2' }}
        subheader="ML services this group owns"
        deepLink={
          scorecardHref
            ? { title: 'View in the MLOps scorecard', link: scorecardHref }
            : undefined
        }
      >
        {body}
      </InfoCard>
    </div>
  );
}

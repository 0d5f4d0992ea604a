import type { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  Assessment,
  formatMaturityLevel,
  ML_SERVICE_TAG,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import { CheckStatusChip } from '../shared/CheckStatusChip';
import { errorMessage, isNotAssessedError } from '../shared/errors';
import { LevelBadge } from '../shared/LevelBadge';

/** The tab's path under the entity page (see `mlopsMaturityEntityContent` in alpha.tsx). */
const TAB_PATH = './mlops-maturity';

const useStyles = makeStyles(theme => ({
  row: {
    marginBottom: theme.spacing(1.5),
  },
  label: {
    display: 'block',
    textTransform: 'uppercase',
    letterSpacing: '0.05em',
    fontWeight: 600,
  },
  meets: { color: theme.palette.type === 'dark' ? '#81c784' : '#1b5e20' },
  below: { color: theme.palette.type === 'dark' ? '#ffb74d' : '#8a4b00' },
  blocker: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/** One row of the card: a caption that says what it shows, then what it shows. */
function LabelledRow(props: { label: ReactNode; children: ReactNode }) {
  const classes = useStyles();
  return (
    <div className={classes.row}>
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.label}
      >
        {props.label}
      </Typography>
      {props.children}
    </div>
  );
}

function Summary(props: { assessment: Assessment }) {
  const { assessment } = props;
  const classes = useStyles();
  const next = assessment.nextLevel;
  const topBlocker = next?.blockers[0];
  return (
    <>
      <div className={classes.row}>
        <LevelBadge
          level={assessment.level}
          verified={assessment.verifiedLevel}
        />
      </div>
      <LabelledRow label="Target">
        <Typography variant="body2">
          {formatMaturityLevel(assessment.targetLevel)} —{' '}
          <span
            className={assessment.meetsTarget ? classes.meets : classes.below}
          >
            {assessment.meetsTarget ? 'meets its target' : 'below its target'}
          </span>
        </Typography>
      </LabelledRow>
      <LabelledRow
        label={
          next
            ? `Top blocker for ${formatMaturityLevel(next.level)}`
            : 'Next level'
        }
      >
        {!next && (
          <Typography variant="body2">Highest level reached.</Typography>
        )}
        {next && !topBlocker && (
          <Typography variant="body2">
            Nothing blocks the next level.
          </Typography>
        )}
        {topBlocker && (
          <>
            <div className={classes.blocker}>
              <Typography variant="body2" component="span">
                <strong>{topBlocker.title}</strong>
              </Typography>
              <CheckStatusChip status={topBlocker.status} />
            </div>
            <Typography variant="body2" color="textSecondary">
              {topBlocker.message}
            </Typography>
            {next.blockers.length > 1 && (
              <Typography variant="caption" color="textSecondary">
                and {next.blockers.length - 1} more
                {next.effort ? ` · effort ${next.effort}` : ''}
              </Typography>
            )}
          </>
        )}
      </LabelledRow>
      {(assessment.waivedChecks ?? 0) > 0 && (
        <LabelledRow label="Waivers">
          <div className={classes.blocker}>
            <CheckStatusChip status="waived" />
            <Typography variant="body2" component="span">
              {assessment.waivedChecks === 1
                ? '1 check counts by a waiver'
                : `${assessment.waivedChecks} checks count by a waiver`}
              , not in the verified level
            </Typography>
          </div>
        </LabelledRow>
      )}
    </>
  );
}

/**
 * The overview card of an ML service: level badge, target and the top blocker, with a link to
 * the "MLOps maturity" tab.
 *
 * @public
 */
export function EntityMaturityCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(mlopsMaturityApiRef);
  const { value, loading, error } = useAsync(
    () => api.getAssessment(entityRef),
    [api, entityRef],
  );

  let body;
  if (loading) {
    body = <Progress aria-label="Loading the MLOps maturity assessment" />;
  } else if (error && isNotAssessedError(error)) {
    body = (
      <Typography variant="body2">
        Not assessed yet. Services tagged <code>{ML_SERVICE_TAG}</code> are
        assessed on the next scheduled run.
      </Typography>
    );
  } else if (error) {
    body = (
      <Typography variant="body2" color="error" role="alert">
        Could not load the MLOps maturity assessment: {errorMessage(error)}
      </Typography>
    );
  } else if (value) {
    body = <Summary assessment={value} />;
  }

  return (
    <InfoCard
      title="MLOps maturity"
      titleTypographyProps={{ component: 'h2' }}
      deepLink={{ title: 'View MLOps maturity', link: TAB_PATH }}
    >
      {body}
    </InfoCard>
  );
}

import { useCallback, useState } from 'react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import WarningIcon from '@material-ui/icons/Warning';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsync from 'react-use/esm/useAsync';
import {
  Assessment,
  CheckResult,
  formatMaturityLevel,
  HistoryEntry,
  isWaiverHistoryEntry,
  ML_SERVICE_TAG,
  mlopsMaturityAssessmentRefreshPermission,
  mlopsMaturityWaiverCreatePermission,
  Waiver,
  WaiverRequest,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import { CheckStatusLegend } from '../shared/CheckStatusLegend';
import { errorMessage, isNotAssessedError } from '../shared/errors';
import {
  formatEvidenceAge,
  formatTimestamp,
} from '../shared/formatEvidenceAge';
import { LevelBadge } from '../shared/LevelBadge';
import { CheckList, WaiverActions } from './CheckList';
import { MaturityHistoryChart } from './MaturityHistoryChart';
import { MaturityLadder } from './MaturityLadder';
import { NextLevelBlockers } from './NextLevelBlockers';
import { RefreshButton } from './RefreshButton';
import { Section } from './Section';
import { WaiverDialog } from './WaiverDialog';
import { WaiverHistory } from './WaiverHistory';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  target: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: 500,
  },
  meets: { color: theme.palette.type === 'dark' ? '#81c784' : '#1b5e20' },
  below: { color: theme.palette.type === 'dark' ? '#ffb74d' : '#8a4b00' },
  reason: {
    marginBottom: theme.spacing(2),
  },
  warning: {
    display: 'flex',
    gap: theme.spacing(1.5),
    alignItems: 'flex-start',
    marginTop: theme.spacing(2),
    padding: theme.spacing(1.5, 2),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.warning.main}`,
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(255, 152, 0, 0.12)'
        : 'rgb(255, 244, 229)',
    color: theme.palette.type === 'dark' ? '#ffd599' : '#663c00',
  },
  problems: {
    marginTop: theme.spacing(2),
    '& ul': {
      margin: theme.spacing(0.5, 0, 0),
      paddingLeft: theme.spacing(2.5),
    },
    '& code': {
      fontFamily: 'monospace',
      fontSize: '0.85em',
    },
  },
  refreshError: {
    marginTop: theme.spacing(1),
  },
  legend: {
    marginBottom: theme.spacing(3),
  },
}));

function HistorySection(props: {
  entityRef: string;
  assessment: Assessment;
  reloadKey: number;
}) {
  const { entityRef, assessment, reloadKey } = props;
  const api = useApi(mlopsMaturityApiRef);
  const { value, loading, error } = useAsync(
    () => api.getHistory(entityRef),
    // reloadKey re-fetches after a refresh, which may have added a row.
    [api, entityRef, reloadKey],
  );
  let body;
  if (loading && !value) {
    body = <Progress aria-label="Loading the maturity history" />;
  } else if (error) {
    body = (
      <Typography variant="body2" color="error" role="alert">
        The history could not be loaded: {errorMessage(error)}
      </Typography>
    );
  } else {
    const entries = value ?? [];
    body = (
      <>
        <MaturityHistoryChart
          history={entries.filter(
            (e): e is HistoryEntry => !isWaiverHistoryEntry(e),
          )}
          current={assessment}
        />
        <WaiverHistory events={entries.filter(isWaiverHistoryEntry)} />
      </>
    );
  }
  return (
    <Section id="history" title="History">
      {body}
    </Section>
  );
}

function AssessmentView(props: {
  entityRef: string;
  assessment: Assessment;
  refreshButton?: JSX.Element;
  refreshError?: JSX.Element;
  reloadKey: number;
  waiverActions?: WaiverActions;
  waiverError?: JSX.Element;
}) {
  const {
    entityRef,
    assessment,
    refreshButton,
    refreshError,
    reloadKey,
    waiverActions,
    waiverError,
  } = props;
  const classes = useStyles();
  const now = new Date();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Section id="level" title="Maturity level" action={refreshButton}>
          {refreshError}
          <div className={classes.summary}>
            <LevelBadge
              level={assessment.level}
              verified={assessment.verifiedLevel}
            />
            <Typography
              component="span"
              className={`${classes.target} ${
                assessment.meetsTarget ? classes.meets : classes.below
              }`}
            >
              {assessment.meetsTarget ? (
                <CheckCircleIcon fontSize="small" aria-hidden="true" />
              ) : (
                <TrendingUpIcon fontSize="small" aria-hidden="true" />
              )}
              Target {formatMaturityLevel(assessment.targetLevel)}:{' '}
              {assessment.meetsTarget ? 'meets its target' : 'below its target'}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              Assessed{' '}
              <time
                dateTime={assessment.assessedAt}
                title={formatTimestamp(assessment.assessedAt)}
              >
                {formatEvidenceAge(assessment.assessedAt, now)}
              </time>{' '}
              · rubric {assessment.rubricVersion}
            </Typography>
          </div>
          <Typography variant="body2" className={classes.reason}>
            <strong>Why this target:</strong> {assessment.targetReason}
          </Typography>
          <Typography variant="body2" component="p" gutterBottom>
            Level {formatMaturityLevel(assessment.level)} counts passing and
            declared checks; the verified level{' '}
            {formatMaturityLevel(assessment.verifiedLevel)} counts only checks a
            tool proved.
          </Typography>
          <MaturityLadder
            level={assessment.level}
            verifiedLevel={assessment.verifiedLevel}
            targetLevel={assessment.targetLevel}
          />
          {assessment.skippedFoundations && (
            <div className={classes.warning} role="alert">
              <WarningIcon aria-hidden="true" />
              <div>
                <Typography variant="subtitle2" component="p">
                  Skipped foundations
                </Typography>
                <Typography variant="body2">
                  Checks two or more levels above{' '}
                  {formatMaturityLevel(assessment.level)} already count while
                  the levels in between are missing. The framework warns against
                  buying a platform before the basics: move one level at a time,
                  and make each level solid before investing in the next.
                </Typography>
              </div>
            </div>
          )}
          {assessment.problems.length > 0 && (
            <section
              className={classes.problems}
              aria-labelledby="mlops-maturity-problems"
            >
              <Typography
                variant="h6"
                component="h3"
                id="mlops-maturity-problems"
              >
                Annotation problems
              </Typography>
              <Typography variant="body2" color="textSecondary">
                These annotations are malformed and were ignored.
              </Typography>
              <ul>
                {assessment.problems.map(problem => (
                  <li key={`${problem.annotation}:${problem.message}`}>
                    <Typography variant="body2">
                      <code>{problem.annotation}</code>: {problem.message}
                    </Typography>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </Section>
      </Grid>
      <Grid item xs={12} md={6}>
        <Section id="next-level" title="Next level">
          <NextLevelBlockers nextLevel={assessment.nextLevel} />
        </Section>
      </Grid>
      <Grid item xs={12} md={6}>
        <HistorySection
          entityRef={entityRef}
          assessment={assessment}
          reloadKey={reloadKey}
        />
      </Grid>
      <Grid item xs={12}>
        <Section id="checks" title="Checks">
          <div className={classes.legend}>
            <CheckStatusLegend />
          </div>
          {waiverError}
          <CheckList
            checks={assessment.checks}
            waivers={assessment.waivers}
            waiverActions={waiverActions}
            now={now}
          />
        </Section>
      </Grid>
    </Grid>
  );
}

/**
 * The "MLOps maturity" tab of an ML service: the ladder with the current, verified and target
 * levels, every check with its evidence, the next level's blockers, the history, and a refresh
 * button for those permitted to re-assess the entity.
 *
 * @public
 */
export function EntityMaturityContent() {
  const classes = useStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(mlopsMaturityApiRef);
  const { allowed: canRefresh } = usePermission({
    permission: mlopsMaturityAssessmentRefreshPermission,
    resourceRef: entityRef,
  });
  const { allowed: canWaive } = usePermission({
    permission: mlopsMaturityWaiverCreatePermission,
    resourceRef: entityRef,
  });
  const [waiving, setWaiving] = useState<CheckResult>();

  const { value, loading, error } = useAsync(
    () => api.getAssessment(entityRef),
    [api, entityRef],
  );

  const [refreshed, setRefreshed] = useState<{
    entityRef: string;
    assessment: Assessment;
    count: number;
  }>();
  const [refreshState, refresh] = useAsyncFn(async () => {
    const assessment = await api.refresh(entityRef);
    setRefreshed(previous => ({
      entityRef,
      assessment,
      count: (previous?.count ?? 0) + 1,
    }));
    return assessment;
  }, [api, entityRef]);
  const onRefresh = useCallback(() => {
    refresh();
  }, [refresh]);

  /** Shows the assessment the backend re-assessed after a waiver change. */
  const reload = useCallback(async () => {
    const assessment = await api.getAssessment(entityRef);
    setRefreshed(previous => ({
      entityRef,
      assessment,
      count: (previous?.count ?? 0) + 1,
    }));
  }, [api, entityRef]);
  const grant = useCallback(
    async (request: WaiverRequest) => {
      await api.createWaiver(entityRef, request);
      setWaiving(undefined);
      await reload();
    },
    [api, entityRef, reload],
  );
  const [revoking, setRevoking] = useState<string>();
  const [revokeState, revoke] = useAsyncFn(
    async (waiver: Waiver) => {
      setRevoking(waiver.id);
      try {
        await api.revokeWaiver(entityRef, waiver.id);
        await reload();
      } finally {
        setRevoking(undefined);
      }
    },
    [api, entityRef, reload],
  );

  const current = refreshed?.entityRef === entityRef ? refreshed : undefined;
  // While another entity's assessment loads, the previous value must not show.
  const assessment = current?.assessment ?? (loading ? undefined : value);

  const refreshButton = canRefresh ? (
    <RefreshButton refreshing={refreshState.loading} onRefresh={onRefresh} />
  ) : undefined;
  const refreshError = refreshState.error ? (
    <Typography
      variant="body2"
      color="error"
      role="alert"
      className={classes.refreshError}
      gutterBottom
    >
      The refresh failed: {errorMessage(refreshState.error)}
    </Typography>
  ) : undefined;

  if (assessment) {
    return (
      <>
        <AssessmentView
          entityRef={entityRef}
          assessment={assessment}
          refreshButton={refreshButton}
          refreshError={refreshError}
          reloadKey={current?.count ?? 0}
          waiverActions={
            canWaive
              ? {
                  onWaive: setWaiving,
                  onRevoke: revoke,
                  revoking,
                }
              : undefined
          }
          waiverError={
            revokeState.error ? (
              <Typography
                variant="body2"
                color="error"
                role="alert"
                gutterBottom
              >
                The waiver was not revoked: {errorMessage(revokeState.error)}
              </Typography>
            ) : undefined
          }
        />
        {waiving && (
          <WaiverDialog
            check={waiving}
            onClose={() => setWaiving(undefined)}
            onSubmit={grant}
          />
        )}
      </>
    );
  }
  if (loading) {
    return <Progress aria-label="Loading the MLOps maturity assessment" />;
  }
  if (error && isNotAssessedError(error)) {
    return (
      <EmptyState
        missing="info"
        title="Not assessed yet"
        description={
          <>
            This entity has no MLOps maturity assessment. Either it is not
            selected as an ML service, or its first assessment has not run yet.
            By default, services are selected by the{' '}
            <code>{ML_SERVICE_TAG}</code> tag in <code>metadata.tags</code>{' '}
            (your Backstage instance may use another selector); newly tagged
            services are assessed on the next scheduled run.
          </>
        }
        action={
          canRefresh ? (
            <>
              {refreshError}
              <RefreshButton
                refreshing={refreshState.loading}
                onRefresh={onRefresh}
                label="Assess now"
              />
            </>
          ) : undefined
        }
      />
    );
  }
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load the MLOps maturity assessment"
      />
    );
  }
  return null;
}

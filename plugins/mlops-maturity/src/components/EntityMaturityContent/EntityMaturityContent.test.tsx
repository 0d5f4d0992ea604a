import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Assessment,
  DEFAULT_RUBRIC_CHECKS,
  mlopsMaturityAssessmentRefreshPermission,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  buildAssessment,
  buildChecks,
  buildHistory,
  FRAUD_SCORER_REF,
  responseError,
} from '../../__testUtils__/assessments';
import {
  mockMaturityApi,
  renderEntityComponent,
} from '../../__testUtils__/render';
import { mockResizeObserver } from '../../__testUtils__/resizeObserver';
import { EntityMaturityContent } from './EntityMaturityContent';

/** A promise with its resolve and reject exposed. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The list item of a check, found by its title (an `h4`). */
function checkItem(title: string): HTMLElement {
  const item = screen
    .getByRole('heading', { level: 4, name: title })
    .closest('li');
  if (!item) throw new Error(`no list item for ${title}`);
  return item as HTMLElement;
}

let restoreResizeObserver: () => void;
beforeEach(() => {
  restoreResizeObserver = mockResizeObserver();
});
afterEach(() => {
  restoreResizeObserver();
});

function render(
  assessment: Assessment | Promise<Assessment> | Error,
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    api?: Parameters<typeof mockMaturityApi>[0];
  } = {},
) {
  const api = mockMaturityApi({
    getAssessment: jest.fn(async () => {
      if (assessment instanceof Error) throw assessment;
      return assessment;
    }),
    getHistory: jest.fn(async () => buildHistory(new Date())),
    ...options.api,
  });
  const result = renderEntityComponent(<EntityMaturityContent />, {
    api,
    permission: options.permission,
  });
  return { api, ...result };
}

describe('EntityMaturityContent', () => {
  describe('with an assessment', () => {
    it('shows the level, verified level and target on the ladder', async () => {
      const { api } = render(buildAssessment({}, new Date()));

      const level = await screen.findByRole('region', {
        name: 'Maturity level',
      });
      expect(api.getAssessment).toHaveBeenCalledWith(FRAUD_SCORER_REF);
      expect(
        within(level).getByLabelText('Maturity level L2 Automated'),
      ).toBeInTheDocument();
      expect(
        within(level).getByLabelText('Verified level L0 Manual'),
      ).toBeInTheDocument();
      expect(
        within(level).getByText('Target L3 Monitored: below its target'),
      ).toBeInTheDocument();
      expect(
        within(level).getByText(/group:default\/fraud-ml runs 4 ML services/),
      ).toBeInTheDocument();

      const ladder = within(level).getByRole('list', {
        name: 'Maturity ladder',
      });
      const steps = within(ladder).getAllByRole('listitem');
      expect(steps.map(step => step.textContent)).toEqual([
        'L0 ManualVerified',
        'L1 Scripted',
        'L2 AutomatedCurrent',
        'L3 MonitoredTarget',
        'L4 Optimized',
      ]);
      expect(steps[2]).toHaveAttribute('aria-current', 'step');
      expect(steps.filter(s => s.hasAttribute('aria-current'))).toHaveLength(1);
    });

    it('says when the target is met', async () => {
      render(
        buildAssessment(
          {
            level: 3,
            verifiedLevel: 3,
            targetLevel: 3,
            meetsTarget: true,
          },
          new Date(),
        ),
      );
      expect(
        await screen.findByText('Target L3 Monitored: meets its target'),
      ).toBeInTheDocument();
      expect(
        screen.queryByLabelText(/^Verified level/),
      ).not.toBeInTheDocument();
    });

    it('groups every check by level under its own heading', async () => {
      render(buildAssessment({}, new Date()));
      const checks = await screen.findByRole('region', { name: 'Checks' });
      expect(
        within(checks)
          .getAllByRole('heading', { level: 3 })
          .map(h => h.textContent),
      ).toEqual([
        'L1 Scripted',
        'L2 Automated',
        'L3 Monitored',
        'L4 Optimized',
      ]);
      expect(
        within(checks)
          .getAllByRole('heading', { level: 4 })
          .map(h => h.textContent),
      ).toEqual(DEFAULT_RUBRIC_CHECKS.map(c => c.title));
      const l3 = within(checks).getByRole('region', { name: 'L3 Monitored' });
      expect(
        within(l3)
          .getAllByRole('heading', { level: 4 })
          .map(h => h.textContent),
      ).toEqual([
        'Data and prediction drift are measured',
        'Quality beside business metrics',
        'New models roll out to a share of traffic',
      ]);
    });

    it.each([
      ['Training is a script', 'pass', 'Pass'],
      ['Better models are promoted automatically', 'fail', 'Fail'],
      ['Quality beside business metrics', 'not-declared', 'Not declared'],
      ['CI/CD blocks a worse model', 'declared', 'Declared'],
      ['Data and prediction drift are measured', 'unknown', 'Unknown'],
      ['New models roll out to a share of traffic', 'invalid', 'Invalid'],
    ])(
      'shows %s as %s with a text label, an icon and its message',
      async (title, status, label) => {
        render(buildAssessment({}, new Date()));
        await screen.findByRole('region', { name: 'Checks' });
        const item = checkItem(title);
        const chip = within(item).getByText(label).closest('[data-status]')!;
        expect(chip).toHaveAttribute('data-status', status);
        expect(chip.querySelector('svg')).not.toBeNull();
        const check = buildChecks().find(c => c.title === title)!;
        expect(within(item).getByText(check.message)).toBeInTheDocument();
      },
    );

    it('gives the six statuses distinct icons and colours', async () => {
      render(buildAssessment({}, new Date()));
      await screen.findByRole('region', { name: 'Checks' });
      const chips = [
        'Pass',
        'Fail',
        'Not declared',
        'Declared',
        'Unknown',
        'Invalid',
      ].map(
        label =>
          screen
            .getAllByText(label)
            .map(el => el.closest<HTMLElement>('[data-status]'))
            .find(Boolean)!,
      );
      const icons = chips.map(chip =>
        chip.querySelector('svg path')!.getAttribute('d'),
      );
      const colours = chips.map(chip => chip.style.color);
      expect(new Set(icons).size).toBe(6);
      expect(new Set(colours).size).toBe(6);
    });

    it('explains what each status means, in a legend and on hover or focus', async () => {
      render(buildAssessment({}, new Date()));
      const checks = await screen.findByRole('region', { name: 'Checks' });
      const legend = within(checks).getByLabelText(
        'What the check statuses mean',
      );
      expect(legend.tagName).toBe('DL');
      for (const meaning of [
        'A tool answered and proved it.',
        'A tool answered and the evidence is missing, negative or too old.',
        'No annotation points at anything that could prove it.',
        'An annotation claims it and no live collector verified it.',
        'The tool could not be asked; the result it last verified is kept, and a kept pass counts until its window ends.',
        'A malformed annotation or an unknown tool instance.',
      ]) {
        expect(within(legend).getByText(meaning)).toBeInTheDocument();
      }

      await userEvent.hover(
        within(checkItem('CI/CD blocks a worse model')).getByText('Declared'),
      );
      expect(await screen.findByRole('tooltip')).toHaveTextContent(
        'An annotation claims it and no live collector verified it.',
      );
    });

    it('reads the meaning of a status after its label', async () => {
      render(buildAssessment({}, new Date()));
      await screen.findByRole('region', { name: 'Checks' });
      const chip = within(
        checkItem('New models roll out to a share of traffic'),
      )
        .getByText('Invalid')
        .closest('[data-status]');
      expect(chip).toHaveTextContent(
        'Invalid: A malformed annotation or an unknown tool instance.',
      );
      // Status chips are not tab stops: the legend says the same for everyone.
      expect(chip).not.toHaveAttribute('tabindex');
    });

    it('is keyboard reachable: the refresh button, the history table and the evidence links take focus', async () => {
      render(buildAssessment({}, new Date()), {
        permission: AuthorizeResult.ALLOW,
      });
      const button = await screen.findByRole('button', {
        name: 'Refresh assessment',
      });
      await userEvent.tab();
      expect(button).toHaveFocus();
      const focused: string[] = [];
      for (let i = 0; i < 40; i++) {
        await userEvent.tab();
        const el = document.activeElement as HTMLElement;
        if (el === document.body || el === button) break;
        focused.push(el.textContent ?? '');
      }
      expect(focused).toEqual(
        expect.arrayContaining([
          'Show the history as a table',
          expect.stringMatching(/^src\/train\.py/),
          expect.stringMatching(/^MLflow model version 12/),
          expect.stringMatching(/^MLflow registered model fraud-scorer/),
        ]),
      );
    });

    it('shows the age of the evidence and marks stale results', async () => {
      render(buildAssessment({}, new Date()));
      await screen.findByRole('region', { name: 'Checks' });

      const tracking = checkItem('Runs and model versions in a registry');
      expect(tracking).toHaveTextContent('Evidence observed 3 days ago');
      expect(within(tracking).queryByText(/^Stale/)).not.toBeInTheDocument();

      const pipeline = checkItem('Training runs automatically');
      expect(pipeline).toHaveTextContent('Evidence observed 9 days ago');
      expect(within(pipeline).getByText(/^Stale:/)).toHaveTextContent(
        'Stale: the tool could not be asked, the result it last verified is kept',
      );
      expect(within(pipeline).getByText('Pass')).toBeInTheDocument();

      expect(checkItem('CI/CD blocks a worse model')).toHaveTextContent(
        'No evidence observed by a tool',
      );
      expect(screen.getAllByText(/^Stale:/)).toHaveLength(1);
    });

    it('links to the proof in a new tab with an accessible name', async () => {
      render(buildAssessment({}, new Date()));
      await screen.findByRole('region', { name: 'Checks' });
      const link = within(
        checkItem('Runs and model versions in a registry'),
      ).getByRole('link', {
        name: /^MLflow model version 12 \(evidence for Runs and model versions in a registry\)/,
      });
      expect(link).toHaveAttribute(
        'href',
        'https://mlflow.example.com/#/models/fraud-scorer/versions/12',
      );
      expect(link).toHaveAttribute('target', '_blank');
      expect(link).toHaveAttribute('rel', expect.stringContaining('noopener'));
      expect(
        within(checkItem('Training runs automatically')).getByRole('link', {
          name: /Airflow run scheduled__2026-03-11/,
        }),
      ).toHaveAttribute(
        'href',
        'https://airflow.example.com/dags/fraud_scorer_training/grid?dag_run_id=scheduled__2026-03-11',
      );
      expect(
        within(checkItem('Quality beside business metrics')).queryByRole(
          'link',
        ),
      ).not.toBeInTheDocument();
    });

    it("lists the next level's blockers with guidance and effort", async () => {
      render(buildAssessment({}, new Date()));
      const next = await screen.findByRole('region', { name: 'Next level' });
      expect(next).toHaveTextContent(
        'To reach L3 Monitored, 3 checks must count.',
      );
      expect(next).toHaveTextContent(
        'Estimated effort, from the framework: 4–8 weeks',
      );
      const blockers = within(next).getAllByRole('heading', { level: 3 });
      expect(blockers.map(b => b.textContent)).toEqual([
        'Data and prediction drift are measured',
        'Quality beside business metrics',
        'New models roll out to a share of traffic',
      ]);
      const drift = blockers[0].closest('li')!;
      expect(within(drift).getByText('Unknown')).toBeInTheDocument();
      expect(
        within(drift).getByText(
          'Evidently answered 503 and there is no earlier pass to keep.',
        ),
      ).toBeInTheDocument();
      expect(drift).toHaveTextContent(
        'How to move up: Add data and prediction drift monitoring (Evidently is a good start, or NannyML); annotate it with evidentlyai.com/project-id.',
      );
    });

    it('says when the highest level is reached', async () => {
      render(
        buildAssessment(
          { level: 4, verifiedLevel: 4, targetLevel: 4, nextLevel: undefined },
          new Date(),
        ),
      );
      const next = await screen.findByRole('region', { name: 'Next level' });
      expect(next).toHaveTextContent('This service is at the highest level');
    });

    it('warns about skipped foundations only when flagged', async () => {
      render(buildAssessment({ skippedFoundations: true }, new Date()));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Skipped foundations');
      expect(alert).toHaveTextContent('move one level at a time');
    });

    it('does not warn when foundations are not skipped', async () => {
      render(buildAssessment({}, new Date()));
      await screen.findByRole('region', { name: 'Maturity level' });
      expect(screen.queryByText('Skipped foundations')).not.toBeInTheDocument();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('lists annotation problems', async () => {
      render(
        buildAssessment(
          {
            problems: [
              {
                annotation: 'mlops-maturity.io/target-level',
                message: "'7' is not a level from 0 to 4.",
              },
              {
                annotation: 'mlops-maturity.io/retrain-cadence',
                message: "Unknown retrain cadence 'sometimes'.",
              },
            ],
          },
          new Date(),
        ),
      );
      const problems = await screen.findByRole('region', {
        name: 'Annotation problems',
      });
      const items = within(problems).getAllByRole('listitem');
      expect(items.map(i => i.textContent)).toEqual([
        "mlops-maturity.io/target-level: '7' is not a level from 0 to 4.",
        "mlops-maturity.io/retrain-cadence: Unknown retrain cadence 'sometimes'.",
      ]);
    });

    it('has no problems section without problems', async () => {
      render(buildAssessment({ problems: [] }, new Date()));
      await screen.findByRole('region', { name: 'Maturity level' });
      expect(
        screen.queryByRole('heading', { name: 'Annotation problems' }),
      ).not.toBeInTheDocument();
    });

    it('structures the page with h2 sections', async () => {
      render(buildAssessment({}, new Date()));
      await screen.findByRole('region', { name: 'Maturity level' });
      expect(
        screen.getAllByRole('heading', { level: 2 }).map(h => h.textContent),
      ).toEqual(['Maturity level', 'Next level', 'History', 'Checks']);
    });
  });

  describe('history', () => {
    it('draws level and verified level as step lines with a text summary', async () => {
      const { api } = render(buildAssessment({}, new Date()));
      const history = await screen.findByRole('region', { name: 'History' });
      const figure = await within(history).findByRole('figure');
      expect(api.getHistory).toHaveBeenCalledWith(FRAUD_SCORER_REF);

      const summary =
        /the level rose from L0 Manual to L2 Automated and the verified level stayed at L0 Manual \(3 recorded changes\)/;
      expect(within(figure).getByText(summary)).toBeInTheDocument();
      expect(within(figure).getByRole('img')).toHaveAccessibleName(summary);

      await waitFor(() =>
        expect(figure.querySelectorAll('.recharts-line')).toHaveLength(3),
      );
      expect(
        Array.from(
          figure.querySelectorAll('.recharts-legend-item-text'),
          item => item.textContent,
        ),
      ).toEqual(['Level', 'Verified level', 'Target']);
      // Step lines: every segment of the level line is horizontal or vertical.
      const levelPath = figure
        .querySelector('.recharts-line-curve')!
        .getAttribute('d')!;
      expect(levelPath).toMatch(/^M[\d.,]+(L[\d.,]+)+$/);

      const table = within(figure).getByRole('table', {
        name: 'Maturity history, oldest first',
      });
      const rows = within(table).getAllByRole('row').slice(1);
      expect(rows).toHaveLength(3);
      expect(rows[1]).toHaveTextContent('training-script: not-declared → pass');
    });

    it('says when there is no history yet', async () => {
      render(buildAssessment({}, new Date()), {
        api: { getHistory: jest.fn(async () => []) },
      });
      const history = await screen.findByRole('region', { name: 'History' });
      // The current assessment is the only point.
      expect(
        await within(history).findByText(
          /^On \d{4}-\d{2}-\d{2} the level was L2 Automated and the verified level L0 Manual \(0 recorded changes\)\.$/,
        ),
      ).toBeInTheDocument();
    });

    it('shows an error in place of the chart when the history fails', async () => {
      render(buildAssessment({}, new Date()), {
        api: {
          getHistory: jest.fn(async () => {
            throw await responseError(500, 'Error', 'history table is locked');
          }),
        },
      });
      const history = await screen.findByRole('region', { name: 'History' });
      expect(await within(history).findByRole('alert')).toHaveTextContent(
        'The history could not be loaded: history table is locked',
      );
      // The rest of the tab still works.
      expect(
        screen.getByRole('region', { name: 'Checks' }),
      ).toBeInTheDocument();
    });
  });

  describe('states', () => {
    it('shows progress while loading', async () => {
      render(new Promise<Assessment>(() => {}));
      expect(await screen.findByTestId('progress')).toBeInTheDocument();
      expect(
        screen.queryByRole('region', { name: 'Maturity level' }),
      ).not.toBeInTheDocument();
    });

    it('explains a 404 from the backend as not assessed', async () => {
      render(
        await responseError(
          404,
          'NotFoundError',
          'No assessment of component:default/fraud-scorer',
        ),
      );
      expect(await screen.findByText('Not assessed yet')).toBeInTheDocument();
      expect(
        screen.getByText(/not\s+selected as an ML service/),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/first assessment has not run yet/),
      ).toBeInTheDocument();
      expect(screen.getByText('ml-service')).toBeInTheDocument();
      expect(screen.queryByRole('button')).not.toBeInTheDocument();
    });

    it('treats a NotFoundError as not assessed too', async () => {
      render(new NotFoundError('none'));
      expect(await screen.findByText('Not assessed yet')).toBeInTheDocument();
    });

    it('shows other errors in an error panel', async () => {
      render(await responseError(500, 'Error', 'database unavailable'));
      expect(
        await screen.findByText(/Could not load the MLOps maturity assessment/),
      ).toBeInTheDocument();
      expect(screen.getByText(/database unavailable/)).toBeInTheDocument();
      expect(screen.queryByText('Not assessed yet')).not.toBeInTheDocument();
    });
  });

  describe('refresh', () => {
    it('is hidden when the permission is denied', async () => {
      const { permissionRequests } = render(buildAssessment({}, new Date()), {
        permission: AuthorizeResult.DENY,
      });
      await screen.findByRole('region', { name: 'Maturity level' });
      await waitFor(() => expect(permissionRequests).toHaveLength(1));
      expect(permissionRequests[0]).toEqual({
        permission: mlopsMaturityAssessmentRefreshPermission,
        resourceRef: FRAUD_SCORER_REF,
      });
      // Let the decision render.
      await new Promise(resolve => setTimeout(resolve, 0));
      expect(
        screen.queryByRole('button', { name: /refresh/i }),
      ).not.toBeInTheDocument();
    });

    it('re-assesses, shows progress, then the new assessment', async () => {
      const refresh = deferred<Assessment>();
      const { api } = render(buildAssessment({}, new Date()), {
        permission: AuthorizeResult.ALLOW,
        api: { refresh: jest.fn(() => refresh.promise) },
      });
      const button = await screen.findByRole('button', {
        name: 'Refresh assessment',
      });
      expect(
        screen.getByLabelText('Maturity level L2 Automated'),
      ).toBeInTheDocument();
      await waitFor(() => expect(api.getHistory).toHaveBeenCalledTimes(1));

      await userEvent.click(button);
      expect(api.refresh).toHaveBeenCalledWith(FRAUD_SCORER_REF);
      const busy = screen.getByRole('button', { name: 'Refreshing…' });
      expect(busy).toBeDisabled();
      expect(busy).toHaveAttribute('aria-busy', 'true');
      expect(
        within(busy).getByRole('progressbar', { hidden: true }),
      ).toBeInTheDocument();

      refresh.resolve(
        buildAssessment(
          {
            level: 3,
            verifiedLevel: 2,
            meetsTarget: true,
            nextLevel: { level: 4, blockers: [], effort: '2–3 months' },
          },
          new Date(),
        ),
      );
      expect(
        await screen.findByLabelText('Maturity level L3 Monitored'),
      ).toBeInTheDocument();
      expect(
        screen.getByLabelText('Verified level L2 Automated'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('Target L3 Monitored: meets its target'),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'Refresh assessment' }),
      ).toBeEnabled();
      // The history is reloaded, as the refresh may have added a row.
      await waitFor(() => expect(api.getHistory).toHaveBeenCalledTimes(2));
    });

    it('shows an error when the refresh fails and keeps the assessment', async () => {
      render(buildAssessment({}, new Date()), {
        permission: AuthorizeResult.ALLOW,
        api: {
          refresh: jest.fn(async () => {
            throw await responseError(500, 'Error', 'MLflow instance is down');
          }),
        },
      });
      await userEvent.click(
        await screen.findByRole('button', { name: 'Refresh assessment' }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'The refresh failed: MLflow instance is down',
      );
      expect(
        screen.getByLabelText('Maturity level L2 Automated'),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'Refresh assessment' }),
      ).toBeEnabled();
    });

    it('offers a first assessment of a service that has none', async () => {
      const { api } = render(
        await responseError(404, 'NotFoundError', 'No assessment'),
        {
          permission: AuthorizeResult.ALLOW,
          api: {
            refresh: jest.fn(async () => buildAssessment({}, new Date())),
          },
        },
      );
      await userEvent.click(
        await screen.findByRole('button', { name: 'Assess now' }),
      );
      expect(api.refresh).toHaveBeenCalledWith(FRAUD_SCORER_REF);
      expect(
        await screen.findByLabelText('Maturity level L2 Automated'),
      ).toBeInTheDocument();
      expect(screen.queryByText('Not assessed yet')).not.toBeInTheDocument();
    });
  });
});

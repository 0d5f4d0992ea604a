import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_RUBRIC_CHECKS } from '@mlops-maturity/plugin-mlops-maturity-common';
import { buildAssessment, buildChecks } from '../../__testUtils__/assessments';
import {
  checkItem,
  renderContent,
  setUpEntityMaturityContentTests,
} from './__testUtils__/renderContent';

setUpEntityMaturityContentTests();

describe('EntityMaturityContent', () => {
  describe('with an assessment', () => {
    it('groups every check by level under its own heading', async () => {
      renderContent(buildAssessment({}, new Date()));
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
        renderContent(buildAssessment({}, new Date()));
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
      renderContent(buildAssessment({}, new Date()));
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
      renderContent(buildAssessment({}, new Date()));
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
      renderContent(buildAssessment({}, new Date()));
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

    it('shows the age of the evidence and marks stale results', async () => {
      renderContent(buildAssessment({}, new Date()));
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
      renderContent(buildAssessment({}, new Date()));
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
  });
});

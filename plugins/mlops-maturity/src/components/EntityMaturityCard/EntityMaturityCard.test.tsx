import { screen, within } from '@testing-library/react';
import { NotFoundError } from '@backstage/errors';
import type { Assessment } from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  buildAssessment,
  FRAUD_SCORER_REF,
  responseError,
} from '../../__testUtils__/assessments';
import {
  mockMaturityApi,
  renderEntityComponent,
} from '../../__testUtils__/render';
import { EntityMaturityCard } from './EntityMaturityCard';

function render(assessment: Assessment | Promise<Assessment> | Error) {
  const api = mockMaturityApi({
    getAssessment: jest.fn(async () => {
      if (assessment instanceof Error) throw assessment;
      return assessment;
    }),
  });
  renderEntityComponent(<EntityMaturityCard />, { api });
  return api;
}

function expectTabLink() {
  const link = screen.getByRole('link', { name: /View MLOps maturity/ });
  expect(link.getAttribute('href')).toMatch(/\/mlops-maturity$/);
}

describe('EntityMaturityCard', () => {
  it('shows how many checks count by a waiver, with the waived state', async () => {
    render(buildAssessment({ waivedChecks: 2 }, new Date()));
    const label = await screen.findByText('Waivers');
    const row = label.closest('div')!;
    expect(within(row).getByText('Waived')).toBeInTheDocument();
    expect(row).toHaveTextContent(
      '2 checks count by a waiver, not in the verified level',
    );
  });

  it('shows no waiver row when no check is waived', async () => {
    render(buildAssessment({ waivedChecks: 0 }, new Date()));
    await screen.findByLabelText('Maturity level L2 Automated');
    expect(screen.queryByText('Waivers')).not.toBeInTheDocument();
  });

  it('shows the level, verified level, target and top blocker', async () => {
    const api = render(buildAssessment({}, new Date()));
    expect(
      await screen.findByLabelText('Maturity level L2 Automated'),
    ).toBeInTheDocument();
    expect(api.getAssessment).toHaveBeenCalledWith(FRAUD_SCORER_REF);
    expect(
      screen.getByRole('heading', { level: 2, name: 'MLOps maturity' }),
    ).toBeInTheDocument();
    expect(screen.getByText('verified L0 Manual')).toBeInTheDocument();
    expect(screen.getByText(/L3 Monitored —/)).toHaveTextContent(
      'L3 Monitored — below its target',
    );
    expect(
      screen.getByText('Top blocker for L3 Monitored'),
    ).toBeInTheDocument();
    const title = screen.getByText('Data and prediction drift are measured');
    const blocker = title.closest('div')!;
    expect(within(blocker).getByText('Unknown')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Evidently answered 503 and there is no earlier pass to keep.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('and 2 more · effort 4–8 weeks'),
    ).toBeInTheDocument();
    // Only the first blocker is shown.
    expect(
      screen.queryByText('Quality beside business metrics'),
    ).not.toBeInTheDocument();
    expectTabLink();
  });

  it('says when the target is met and the top is reached', async () => {
    render(
      buildAssessment(
        {
          level: 4,
          verifiedLevel: 4,
          targetLevel: 4,
          meetsTarget: true,
          nextLevel: undefined,
        },
        new Date(),
      ),
    );
    expect(
      await screen.findByLabelText('Maturity level L4 Optimized'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^verified/)).not.toBeInTheDocument();
    expect(screen.getByText(/L4 Optimized —/)).toHaveTextContent(
      'L4 Optimized — meets its target',
    );
    expect(screen.getByText('Highest level reached.')).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    render(new Promise<Assessment>(() => {}));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expectTabLink();
  });

  it('says when the entity is not assessed yet (404)', async () => {
    render(await responseError(404, 'NotFoundError', 'No assessment'));
    expect(await screen.findByText(/Not assessed yet/)).toHaveTextContent(
      'Not assessed yet. Services tagged ml-service are assessed on the next scheduled run.',
    );
  });

  it('treats a NotFoundError as not assessed', async () => {
    render(new NotFoundError('none'));
    expect(await screen.findByText(/Not assessed yet/)).toBeInTheDocument();
  });

  it('shows an error', async () => {
    render(await responseError(500, 'Error', 'database unavailable'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the MLOps maturity assessment: database unavailable',
    );
    expect(screen.queryByText(/Not assessed yet/)).not.toBeInTheDocument();
  });
});

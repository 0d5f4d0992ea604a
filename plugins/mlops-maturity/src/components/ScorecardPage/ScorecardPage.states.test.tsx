import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  MaturityFilter,
  ScorecardGroupBy,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { responseError } from '../../__testUtils__/assessments';
import {
  buildScorecard,
  currentSearch,
  emptyScorecard,
  mockApi,
  renderPage,
  setUpScorecardPageTests,
} from './__testUtils__/scorecardPage';

setUpScorecardPageTests();

describe('ScorecardPage', () => {
  it('explains the schedule and the ml-service tag when nothing is assessed yet', async () => {
    const api = mockApi({ getScorecard: jest.fn(async () => emptyScorecard) });
    renderPage(api);

    expect(
      await screen.findByText('No ML services have been assessed yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/assesses ML services on a schedule/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('ml-service', { exact: false }).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('search', { name: 'Filters' })).toBeNull();
    expect(api.listAssessments).not.toHaveBeenCalled();
    expect(api.getTrend).not.toHaveBeenCalled();
  });

  it('says when no service matches the filters and offers to clear them', async () => {
    const api = mockApi({
      getScorecard: jest.fn(
        async (groupBy: ScorecardGroupBy, filter?: MaturityFilter) =>
          filter?.level === 4 ? emptyScorecard : buildScorecard(groupBy),
      ),
    });
    const result = renderPage(api, '?level=4');

    expect(
      await screen.findByText('No assessed ML services match these filters'),
    ).toBeInTheDocument();
    expect(screen.getByRole('search', { name: 'Filters' })).toBeInTheDocument();

    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    await userEvent.click(clear[clear.length - 1]);

    expect(
      await screen.findByRole('list', { name: 'Services per level' }),
    ).toBeInTheDocument();
    expect(currentSearch(result).get('level')).toBeNull();
  });

  it('shows an error when the scorecard cannot be loaded', async () => {
    const error = await responseError(
      403,
      'NotAllowedError',
      'You may not read MLOps maturity assessments',
    );
    const api = mockApi({ getScorecard: jest.fn().mockRejectedValue(error) });
    renderPage(api);

    expect(
      await screen.findByText(/Could not load the scorecard/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/You may not read MLOps maturity assessments/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Services per level' }),
    ).toBeNull();
  });

  it('keeps the page when the trend or the services fail', async () => {
    const api = mockApi({
      getTrend: jest
        .fn()
        .mockRejectedValue(await responseError(500, 'Error', 'trend exploded')),
      listAssessments: jest
        .fn()
        .mockRejectedValue(await responseError(500, 'Error', 'list exploded')),
    });
    renderPage(api);

    expect(
      await screen.findByText(/Could not load the trend/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Could not load the services/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Services per level' }),
    ).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MaturityFilter } from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  currentSearch,
  mockApi,
  renderPage,
  setUpScorecardPageTests,
} from './__testUtils__/scorecardPage';

setUpScorecardPageTests();

describe('ScorecardPage', () => {
  it('filters by level through the API and the URL', async () => {
    const api = mockApi();
    const result = renderPage(api);
    await screen.findByRole('heading', { level: 2, name: 'By owner' });
    api.getScorecard.mockClear();
    api.listAssessments.mockClear();
    api.getTrend.mockClear();

    await userEvent.selectOptions(
      screen.getByLabelText('Level'),
      'L2 Automated',
    );

    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenCalledWith('owner', { level: 2 }),
    );
    await waitFor(() =>
      expect(api.listAssessments).toHaveBeenCalledWith(
        { level: 2 },
        { limit: 25, cursor: undefined },
      ),
    );
    expect(currentSearch(result).get('level')).toBe('2');
    expect(screen.getByLabelText('Level')).toHaveValue('2');
    // The trend has no level filter; it is not fetched again for one.
    expect(api.getTrend).not.toHaveBeenCalled();
    expect(
      screen.getByText(
        'Services per level over time; the level filter does not apply here',
      ),
    ).toBeInTheDocument();
  });

  it('starts from the filters of a shared link', async () => {
    const api = mockApi();
    renderPage(
      api,
      '?groupBy=lifecycle&level=3&owner=group%3Adefault%2Ffraud-ml&lifecycle=production',
    );

    expect(
      await screen.findByRole('heading', { level: 2, name: 'By lifecycle' }),
    ).toBeInTheDocument();
    const filter: MaturityFilter = {
      level: 3,
      owner: 'group:default/fraud-ml',
      lifecycle: 'production',
    };
    expect(api.getScorecard).toHaveBeenCalledWith('lifecycle', filter);
    await waitFor(() =>
      expect(api.listAssessments).toHaveBeenCalledWith(filter, {
        limit: 25,
        cursor: undefined,
      }),
    );
    await waitFor(() =>
      expect(api.getTrend).toHaveBeenCalledWith({
        owner: 'group:default/fraud-ml',
        lifecycle: 'production',
      }),
    );
    expect(screen.getByLabelText('Level')).toHaveValue('3');
    expect(screen.getByLabelText('Lifecycle')).toHaveValue('production');
    // Not filtered by the lifecycle the scorecard offers only; every option comes from the groups.
    await waitFor(() =>
      expect(
        within(screen.getByLabelText('Owner')).getByRole('option', {
          name: 'recsys',
        }),
      ).toBeInTheDocument(),
    );
    expect(
      within(screen.getByLabelText('Owner')).queryByRole('option', {
        name: '(none)',
      }),
    ).toBeNull();
  });

  it('clears the filters', async () => {
    const api = mockApi();
    const result = renderPage(
      api,
      '?level=3&lifecycle=production&groupBy=system',
    );
    await screen.findByRole('heading', { level: 2, name: 'By system' });

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );

    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith('system', {}),
    );
    const search = currentSearch(result);
    expect(search.get('level')).toBeNull();
    expect(search.get('lifecycle')).toBeNull();
    expect(search.get('groupBy')).toBe('system');
  });
});

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
    // The options come from one facets request, with their counts, whatever the filters.
    await waitFor(() =>
      expect(
        within(screen.getByLabelText('Owner')).getByRole('option', {
          name: 'recsys (25)',
        }),
      ).toBeInTheDocument(),
    );
    expect(api.getFacets).toHaveBeenCalledTimes(1);
    expect(api.getFacets).toHaveBeenCalledWith();
    // The scorecard is asked for once, for the page itself, not for the filters' options.
    expect(api.getScorecard).toHaveBeenCalledTimes(1);
  });

  it('offers every owner, system, domain and lifecycle of the facets, and filters by system and domain', async () => {
    const api = mockApi();
    const result = renderPage(api, '?owner=group%3Adefault%2Fgone');
    await screen.findByRole('heading', { level: 2, name: 'By owner' });
    const options = (label: string) =>
      within(screen.getByLabelText(label))
        .getAllByRole('option')
        .map(o => o.textContent);
    await waitFor(() =>
      expect(options('System')).toEqual([
        'All systems',
        'discovery (20)',
        'payments (30)',
      ]),
    );
    expect(options('Domain')).toEqual(['All domains', 'finance (50)']);
    expect(options('Lifecycle')).toEqual([
      'All lifecycles',
      'experimental (10)',
      'production (40)',
    ]);
    // A shared link's owner stays selectable though the caller has none of its services.
    expect(options('Owner')).toEqual([
      'All owners',
      'fraud-ml (20)',
      'gone',
      'recsys (25)',
    ]);

    await userEvent.selectOptions(
      screen.getByLabelText('System'),
      'payments (30)',
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Domain'),
      'finance (50)',
    );
    const filter = {
      owner: 'group:default/gone',
      system: 'system:default/payments',
      domain: 'domain:default/finance',
    };
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith('owner', filter),
    );
    await waitFor(() =>
      expect(api.getLeverage).toHaveBeenLastCalledWith(filter, { limit: 10 }),
    );
    await waitFor(() => expect(api.getTrend).toHaveBeenLastCalledWith(filter));
    expect(currentSearch(result).get('system')).toBe('system:default/payments');
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

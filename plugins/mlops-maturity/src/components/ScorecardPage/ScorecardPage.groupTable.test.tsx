import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  currentSearch,
  groupColumn,
  groupNames,
  groupTable,
  mockApi,
  renderPage,
  setUpScorecardPageTests,
} from './__testUtils__/scorecardPage';

setUpScorecardPageTests();

describe('ScorecardPage', () => {
  it('groups by system when the selector changes, and keeps it in the URL', async () => {
    const api = mockApi();
    const result = renderPage(api);

    await screen.findByRole('heading', { level: 2, name: 'By owner' });
    expect(groupNames()).toEqual(['recsys', 'fraud-ml', '(none)']);

    await userEvent.selectOptions(screen.getByLabelText('Group by'), 'system');

    expect(
      await screen.findByRole('heading', { level: 2, name: 'By system' }),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith('system', {});
    await waitFor(() =>
      expect(groupNames()).toEqual(['payments', 'discovery']),
    );
    expect(currentSearch(result).get('groupBy')).toBe('system');
  });

  it('sorts the group table by a column', async () => {
    renderPage(mockApi());
    await screen.findByRole('heading', { level: 2, name: 'By owner' });
    // Biggest groups first.
    expect(groupNames()).toEqual(['recsys', 'fraud-ml', '(none)']);

    const table = groupTable();
    await userEvent.click(
      within(table).getByRole('button', { name: 'L4 Optimized' }),
    );
    // The direction carries over from the total: fraud-ml 2, recsys 1, (none) 0.
    expect(groupNames()).toEqual(['fraud-ml', 'recsys', '(none)']);
    await userEvent.click(
      within(table).getByRole('button', { name: 'L4 Optimized' }),
    );
    expect(groupNames()).toEqual(['(none)', 'recsys', 'fraud-ml']);
    // A third click reverses again rather than dropping the sort.
    await userEvent.click(
      within(table).getByRole('button', { name: 'L4 Optimized' }),
    );
    expect(groupNames()).toEqual(['fraud-ml', 'recsys', '(none)']);
    await userEvent.click(
      within(table).getByRole('button', { name: 'L4 Optimized' }),
    );

    await userEvent.click(
      within(table).getByRole('button', { name: 'Meets target' }),
    );
    // Ascending, as the last sort: recsys 40% before fraud-ml and (none), 80% each.
    expect(groupNames()[0]).toBe('recsys');
    expect(groupColumn('Meets target')[0]).toBe('40% (10)');

    // The search box narrows the loaded groups.
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search owners' }),
      'fraud',
    );
    // material-table debounces the search.
    await waitFor(() => expect(groupNames()).toEqual(['fraud-ml']));
  });

  it('shows per group the levels declared but unproven, and sorts by them', async () => {
    renderPage(mockApi());
    await screen.findByRole('heading', { level: 2, name: 'By owner' });
    expect(groupNames()).toEqual(['recsys', 'fraud-ml', '(none)']);
    expect(groupColumn('Declared but unproven')).toEqual([
      '6 levels (3 services)',
      '22 levels (12 services)',
      '0',
    ]);

    const header = within(groupTable()).getByRole('button', {
      name: 'Declared but unproven',
    });
    await userEvent.click(header);
    // The direction carries over from the total: most levels unproven first.
    expect(groupNames()).toEqual(['fraud-ml', 'recsys', '(none)']);
    await userEvent.click(header);
    expect(groupNames()).toEqual(['(none)', 'recsys', 'fraud-ml']);
  });

  it('links group keys to their catalog pages and filters by an owner', async () => {
    const api = mockApi();
    const result = renderPage(api);
    await screen.findByRole('heading', { level: 2, name: 'By owner' });

    expect(
      within(groupTable()).getByRole('link', { name: 'fraud-ml' }),
    ).toHaveAttribute('href', '/catalog/default/group/fraud-ml');
    await userEvent.click(
      screen.getByRole('button', { name: 'Show only owner recsys' }),
    );

    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenCalledWith('owner', {
        owner: 'group:default/recsys',
      }),
    );
    expect(currentSearch(result).get('owner')).toBe('group:default/recsys');
    expect(screen.getByLabelText('Owner')).toHaveValue('group:default/recsys');
  });

  it('filters by a system from its group', async () => {
    const api = mockApi();
    const result = renderPage(api, '?groupBy=system');
    await screen.findByRole('heading', { level: 2, name: 'By system' });

    await userEvent.click(
      screen.getByRole('button', { name: 'Show only system payments' }),
    );

    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenCalledWith('system', {
        system: 'system:default/payments',
      }),
    );
    expect(currentSearch(result).get('system')).toBe('system:default/payments');
  });
});

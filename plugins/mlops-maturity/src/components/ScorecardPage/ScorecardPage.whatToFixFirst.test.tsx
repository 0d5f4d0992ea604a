import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  currentSearch,
  entityTable,
  mockApi,
  renderPage,
  setUpScorecardPageTests,
} from './__testUtils__/scorecardPage';

setUpScorecardPageTests();

/** The "What to fix first" section. */
async function section() {
  return screen.findByRole('region', { name: 'What to fix first' });
}

const searchOf = (href: string | null) =>
  Object.fromEntries(new URLSearchParams(href?.replace(/^[^?]*/, '')));

describe('ScorecardPage: what to fix first', () => {
  it('ranks the checks by the services they lift, with links to exactly those services', async () => {
    const api = mockApi();
    renderPage(api, '?owner=group%3Adefault%2Frecsys');
    const region = await section();
    const checks = await within(region).findByRole('table', {
      name: 'Checks that lift services',
    });
    const rows = within(checks).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      'Training runs automatically7 services2 services',
      'Data and prediction drift are measured3 services–',
    ]);
    // The page's filters go to the route and stay in the links.
    expect(api.getLeverage).toHaveBeenCalledWith(
      { owner: 'group:default/recsys' },
      { limit: 10 },
    );
    expect(
      searchOf(
        within(rows[0])
          .getByRole('link', { name: '7 services' })
          .getAttribute('href'),
      ),
    ).toEqual({
      owner: 'group:default/recsys',
      lastBlocker: 'training-pipeline',
    });
    expect(
      searchOf(
        within(rows[0])
          .getByRole('link', { name: '2 services' })
          .getAttribute('href'),
      ),
    ).toEqual({
      owner: 'group:default/recsys',
      lastBlocker: 'training-pipeline',
      oneCheckFromTarget: 'true',
    });
  });

  it('lists the services one check from their target with the check to fix, and links to all of them', async () => {
    const api = mockApi();
    renderPage(api);
    const region = await section();
    expect(
      within(region).getByRole('heading', {
        level: 3,
        name: 'One check from their target (3)',
      }),
    ).toBeInTheDocument();
    const table = within(region).getByRole('table', {
      name: 'Services one check from their target',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ),
    ).toEqual([
      ['Churn model', 'recsys', 'L1 → L2', 'Training runs automatically'],
      ['Ranker', 'fraud-ml', 'L1 → L2', 'Training runs automatically'],
    ]);
    expect(
      within(rows[0]).getByRole('link', { name: 'Churn model' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/churn/mlops-maturity',
    );
    expect(
      searchOf(
        within(region)
          .getByRole('link', {
            name: 'List the 3 services one check from their target',
          })
          .getAttribute('href'),
      ),
    ).toEqual({ oneCheckFromTarget: 'true' });
  });

  it('narrows the services list to a link’s services, says so, and shows all again', async () => {
    const api = mockApi();
    const result = renderPage(api);
    const region = await section();
    await userEvent.click(
      await within(region).findByRole('link', { name: '7 services' }),
    );

    await waitFor(() =>
      expect(api.listAssessments).toHaveBeenLastCalledWith(
        { lastBlocker: 'training-pipeline' },
        { limit: 25, cursor: undefined },
      ),
    );
    expect(currentSearch(result).get('lastBlocker')).toBe('training-pipeline');
    expect(
      await screen.findByText(
        'Showing the services that fixing “Training runs automatically” alone lifts to their next level.',
      ),
    ).toBeInTheDocument();
    expect(entityTable()).toBeInTheDocument();
    // The scorecard itself is not narrowed: the list is.
    expect(api.getScorecard).toHaveBeenLastCalledWith('owner', {});

    await userEvent.click(
      screen.getByRole('button', { name: 'Show all services' }),
    );
    await waitFor(() =>
      expect(api.listAssessments).toHaveBeenLastCalledWith(
        {},
        { limit: 25, cursor: undefined },
      ),
    );
    expect(currentSearch(result).get('lastBlocker')).toBeNull();
    expect(screen.queryByText(/^Showing the services/)).toBeNull();
  });

  it('opens a shared link to the services one check from their target', async () => {
    const api = mockApi();
    renderPage(api, '?oneCheckFromTarget=true&level=1');
    expect(
      await screen.findByText(
        'Showing the services one check from their target.',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.listAssessments).toHaveBeenCalledWith(
        { level: 1, oneCheckFromTarget: true },
        { limit: 25, cursor: undefined },
      ),
    );
    expect(api.getLeverage).toHaveBeenCalledWith({ level: 1 }, { limit: 10 });
  });

  it('says when no single check lifts a service or brings one to its target, and shows a failure', async () => {
    const empty = mockApi({
      getLeverage: jest.fn(async () => ({
        checks: [],
        oneCheckFromTarget: [],
        oneCheckFromTargetTotal: 0,
      })),
    });
    const { unmount } = renderPage(empty);
    const region = await section();
    expect(
      await within(region).findByText(
        'No single check keeps any of these services from its next level.',
      ),
    ).toBeInTheDocument();
    expect(
      within(region).getByText('No service is one check from its target.'),
    ).toBeInTheDocument();
    unmount();

    renderPage(
      mockApi({
        getLeverage: jest.fn().mockRejectedValue(new Error('database down')),
      }),
    );
    expect(
      await within(await section()).findByText(
        /Could not load what to fix first/,
      ),
    ).toBeInTheDocument();
  });
});

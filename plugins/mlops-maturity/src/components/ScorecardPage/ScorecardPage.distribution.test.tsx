import { screen, waitFor, within } from '@testing-library/react';
import {
  buildScorecard,
  mockApi,
  renderPage,
  setUpScorecardPageTests,
} from './__testUtils__/scorecardPage';

setUpScorecardPageTests();

describe('ScorecardPage', () => {
  it('shows the distribution by level and the share at target', async () => {
    const api = mockApi();
    renderPage(api);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'MLOps maturity' }),
    ).toBeInTheDocument();
    const list = await screen.findByRole('list', {
      name: 'Services per level',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'L0 Manual: 5 declared (10%), 13 verified (26%)',
      'L1 Scripted: 20 declared (40%), 23 verified (46%)',
      'L2 Automated: 12 declared (24%), 7 verified (14%)',
      'L3 Monitored: 10 declared (20%), 7 verified (14%)',
      'L4 Optimized: 3 declared (6%), 0 verified (0%)',
    ]);
    expect(
      screen.getByText('meet their target (30 of 50)').previousSibling,
    ).toHaveTextContent(/^60%$/);
    expect(
      screen.getByText('meet their target (30 of 50)'),
    ).toBeInTheDocument();
    // 50 services, 30 meet their target: 20 below it.
    expect(
      screen.getByText('below their target').previousSibling,
    ).toHaveTextContent('20');
    expect(screen.getByText('50 assessed ML services')).toBeInTheDocument();

    // One h2 per section.
    for (const name of [
      'Distribution by level',
      'Most common blockers',
      'By owner',
      'Trend',
      'Services',
    ]) {
      expect(
        screen.getByRole('heading', { level: 2, name }),
      ).toBeInTheDocument();
    }
    expect(api.getScorecard).toHaveBeenCalledWith('owner', {});
    // Never the whole list: one page for the table.
    expect(api.listAssessments).toHaveBeenCalledTimes(1);
    expect(api.listAssessments).toHaveBeenCalledWith(
      {},
      { limit: 25, cursor: undefined },
    );
  });

  it('shows the verified distribution beside the declared one, and the levels declared but unproven', async () => {
    renderPage(mockApi());

    const caption = await screen.findByText(
      'levels declared but unproven (in 15 services)',
    );
    expect(caption.previousSibling).toHaveTextContent(/^28$/);
    expect(
      screen.getByText(
        'Declared levels count declared and verified evidence; verified levels count live evidence only.',
      ),
    ).toBeInTheDocument();
    // Two bars per level, declared and verified, in a chart that assistive technology skips
    // for the list.
    const chart = screen.getByTestId('level-distribution-chart');
    expect(chart.closest('[aria-hidden="true"]')).not.toBeNull();
    await waitFor(() =>
      expect(chart.querySelectorAll('.recharts-bar')).toHaveLength(2),
    );
    const bars = [...chart.querySelectorAll('.recharts-bar')];
    expect(
      bars.map(bar =>
        [...bar.querySelectorAll('.recharts-label')].map(l => l.textContent),
      ),
    ).toEqual([
      ['5', '20', '12', '10', '3'],
      ['13', '23', '7', '7', '0'],
    ]);
  });

  it('says one level and one service in the singular', async () => {
    renderPage(
      mockApi({
        getScorecard: jest.fn(async () => ({
          ...buildScorecard(),
          unprovenLevels: 1,
          unproven: 1,
        })),
      }),
    );
    expect(
      await screen.findByText('level declared but unproven (in 1 service)'),
    ).toBeInTheDocument();
  });

  it('names the most common blockers from the rubric', async () => {
    const api = mockApi();
    renderPage(api);

    const table = await screen.findByRole('table', {
      name: 'Most common blockers',
    });
    await waitFor(() =>
      expect(
        within(table).getByText('Training runs automatically'),
      ).toBeInTheDocument(),
    );
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => [...r.children].map(c => c.textContent))).toEqual([
      ['Training runs automatically', 'L2 Automated', '18'],
      ['Data and prediction drift are measured', 'L3 Monitored', '9'],
      // A check the rubric does not know keeps its id.
      ['custom-check', '–', '2'],
    ]);
    expect(api.getRubric).toHaveBeenCalledTimes(1);
  });
});

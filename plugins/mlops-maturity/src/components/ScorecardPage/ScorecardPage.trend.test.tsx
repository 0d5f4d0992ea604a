import { screen, waitFor, within } from '@testing-library/react';
import {
  counts,
  mockApi,
  renderPage,
  setUpScorecardPageTests,
} from './__testUtils__/scorecardPage';

setUpScorecardPageTests();

describe('ScorecardPage', () => {
  it('renders the trend with a text equivalent', async () => {
    const api = mockApi();
    renderPage(api);

    const table = await screen.findByRole('table', {
      name: 'Services per level over time',
    });
    expect(api.getTrend).toHaveBeenCalledWith({});
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect([...rows[3].children].slice(1).map(c => c.textContent)).toEqual([
      '5',
      '20',
      '12',
      '10',
      '3',
      '50',
      '60%',
    ]);
    const chart = screen.getByRole('img', { name: /^Services per level from/ });
    expect(chart.getAttribute('aria-label')).toContain(
      'L0 Manual: 5, L1 Scripted: 20, L2 Automated: 12, L3 Monitored: 10, L4 Optimized: 3.',
    );
    expect(chart.getAttribute('aria-label')).toContain(
      'L0 Manual: 10, L1 Scripted: 20',
    );
    // recharts drew one stacked area per level.
    await waitFor(() =>
      expect(chart.querySelectorAll('.recharts-area')).toHaveLength(5),
    );
  });

  it('shows the times of a trend that started less than two days ago, at the first assessment', async () => {
    const at = (minutes: number) =>
      new Date(Date.UTC(2026, 11, 1, 0, minutes)).toISOString();
    const api = mockApi({
      getTrend: jest.fn(async () => ({
        points: [0, 30, 60].map(minutes => ({
          at: at(minutes),
          total: 3,
          byLevel: counts(0, 1, 2, 0, 0),
          meetsTarget: 1,
        })),
      })),
    });
    renderPage(api);
    const table = await screen.findByRole('table', {
      name: 'Services per level over time',
    });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(r => r.children[0].textContent),
    ).toEqual([
      '2026-12-01 00:00 UTC',
      '2026-12-01 00:30 UTC',
      '2026-12-01 01:00 UTC',
    ]);
    expect(
      screen.getByRole('img', { name: /^Services per level from/ }),
    ).toHaveAttribute(
      'aria-label',
      expect.stringContaining(
        'from 2026-12-01 00:00 UTC to 2026-12-01 01:00 UTC',
      ),
    );
  });

  it('says there is no history yet when no service has been assessed', async () => {
    renderPage(mockApi({ getTrend: jest.fn(async () => ({ points: [] })) }));
    expect(
      await screen.findByText(
        'No history yet; the trend fills in as services are assessed.',
      ),
    ).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import {
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
});

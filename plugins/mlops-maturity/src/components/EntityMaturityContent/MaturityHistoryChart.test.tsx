import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { buildHistory, FIXTURE_NOW } from '../../__testUtils__/assessments';
import { MaturityHistoryChart } from './MaturityHistoryChart';

describe('MaturityHistoryChart', () => {
  it('draws step lines at a fixed size without a ResponsiveContainer', async () => {
    const history = buildHistory();
    history.push({
      ...history[2],
      assessedAt: '2026-03-01T00:00:00Z',
      rubricVersion: '1.1.0',
      rubricChanged: true,
      changes: [],
    });
    const { container } = renderInTestApp(
      <MaturityHistoryChart
        history={history}
        current={{
          assessedAt: FIXTURE_NOW.toISOString(),
          level: 2,
          verifiedLevel: 1,
          targetLevel: 3,
        }}
        width={600}
        height={200}
      />,
    );
    const figure = await screen.findByRole('figure');
    expect(
      container.querySelector('.recharts-responsive-container'),
    ).toBeNull();
    const svg = container.querySelector('svg.recharts-surface')!;
    expect(svg).toHaveAttribute('width', '600');
    expect(svg).toHaveAttribute('height', '200');
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(3);

    // The Y axis is the ladder.
    expect(
      Array.from(
        container.querySelectorAll(
          '.recharts-yAxis .recharts-cartesian-axis-tick-value',
        ),
        tick => tick.textContent,
      ),
    ).toEqual(['L0', 'L1', 'L2', 'L3', 'L4']);

    // A rubric change is marked, and explained as not a regression.
    expect(within(figure).getByText('rubric 1.1.0')).toBeInTheDocument();
    expect(
      within(figure).getByText(
        'From 2025-11-20 to 2026-03-20 the level rose from L0 Manual to L2 Automated and the verified level rose from L0 Manual to L1 Scripted (4 recorded changes). The rubric changed on 2026-03-01: a change of definition, not a regression.',
      ),
    ).toBeInTheDocument();

    const rows = within(
      screen.getByRole('table', { name: 'Maturity history, oldest first' }),
    ).getAllByRole('row');
    expect(rows.map(r => r.textContent)).toEqual([
      'DateLevelVerifiedTargetChanges',
      '2025-11-20L0 ManualL0 ManualL3 Monitored—',
      '2025-12-20L1 ScriptedL0 ManualL3 Monitoredtraining-script: not-declared → pass; deployment-script: not-declared → pass',
      '2026-02-18L2 AutomatedL0 ManualL3 Monitoredexperiment-tracking: not-declared → pass; training-pipeline: declared → pass',
      '2026-03-01L2 AutomatedL0 ManualL3 Monitoredrubric changed to 1.1.0',
    ]);
  });

  it('says there is no history when there is nothing to draw', async () => {
    const { container } = renderInTestApp(
      <MaturityHistoryChart history={[]} width={600} />,
    );
    expect(
      await screen.findByText('No history has been recorded yet.'),
    ).toBeInTheDocument();
    expect(container.querySelector('svg.recharts-surface')).toBeNull();
  });
});

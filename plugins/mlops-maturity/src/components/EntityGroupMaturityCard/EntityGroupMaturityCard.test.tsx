import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_RUBRIC_CHECKS,
  DEFAULT_RUBRIC_LEVELS,
  type Scorecard,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { responseError } from '../../__testUtils__/assessments';
import { mockMaturityApi } from '../../__testUtils__/render';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import { rootRouteRef } from '../../routes';
import { EntityGroupMaturityCard } from './EntityGroupMaturityCard';

const FRAUD_ML: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'fraud-ml', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const counts = (
  l0: number,
  l1: number,
  l2: number,
  l3: number,
  l4: number,
) => ({
  0: l0,
  1: l1,
  2: l2,
  3: l3,
  4: l4,
});

/** Eight services of fraud-ml: three meet their target; four checks block a next level. */
const FRAUD_SCORECARD: Scorecard = {
  total: 8,
  byLevel: counts(1, 2, 3, 0, 2),
  byVerifiedLevel: counts(3, 2, 2, 0, 1),
  meetsTarget: 3,
  unprovenLevels: 4,
  unproven: 3,
  groupBy: 'owner',
  groups: [],
  topBlockers: [
    { checkId: 'drift-monitoring', count: 3 },
    { checkId: 'experiment-tracking', count: 2 },
    { checkId: 'no-such-check', count: 1 },
    { checkId: 'feature-store', count: 1 },
  ],
};

const EMPTY_SCORECARD: Scorecard = {
  ...FRAUD_SCORECARD,
  total: 0,
  byLevel: counts(0, 0, 0, 0, 0),
  byVerifiedLevel: counts(0, 0, 0, 0, 0),
  meetsTarget: 0,
  unprovenLevels: 0,
  unproven: 0,
  topBlockers: [],
};

function render(
  scorecard: Scorecard | Promise<Scorecard> | Error,
  options: { withScorecardPage?: boolean } = {},
) {
  const api = mockMaturityApi({
    getScorecard: jest.fn(async () => {
      if (scorecard instanceof Error) throw scorecard;
      return scorecard;
    }),
    getRubric: jest.fn(async () => ({
      version: 'v1',
      levels: [...DEFAULT_RUBRIC_LEVELS],
      checks: [...DEFAULT_RUBRIC_CHECKS],
    })),
  });
  renderInTestApp(
    <EntityProvider entity={FRAUD_ML}>
      <EntityGroupMaturityCard />
    </EntityProvider>,
    {
      apis: [[mlopsMaturityApiRef, api]],
      mountedRoutes:
        options.withScorecardPage === false
          ? {}
          : { '/mlops-maturity': rootRouteRef },
    },
  );
  return api;
}

const OWNER_QUERY = `owner=${encodeURIComponent('group:default/fraud-ml')}`;

describe('EntityGroupMaturityCard', () => {
  it("shows the team's distribution, share at target and top blockers, linked to the scorecard", async () => {
    const api = render(FRAUD_SCORECARD);
    const levels = await screen.findByRole('list', {
      name: 'Services per level',
    });
    expect(api.getScorecard).toHaveBeenCalledWith('owner', {
      owner: 'group:default/fraud-ml',
    });
    expect(
      screen.getByRole('heading', { level: 2, name: 'MLOps maturity' }),
    ).toBeInTheDocument();
    expect(screen.getByText('38%')).toBeInTheDocument();
    expect(
      screen.getByText('at their target (3 of 8 ML services)'),
    ).toBeInTheDocument();

    expect(
      within(levels)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'L0 Manual: 1',
      'L1 Scripted: 2',
      'L2 Automated: 3',
      'L3 Monitored: 0',
      'L4 Optimized: 2',
    ]);
    // Each count links to the scorecard filtered by the team and the level; none for zero.
    expect(
      within(levels)
        .getByRole('link', { name: 'L2 Automated: 3' })
        .getAttribute('href'),
    ).toBe(`/mlops-maturity?${OWNER_QUERY}&level=2`);
    expect(
      within(levels).queryByRole('link', { name: 'L3 Monitored: 0' }),
    ).not.toBeInTheDocument();
    expect(within(levels).getAllByRole('link')).toHaveLength(4);

    // The top three blockers, named from the rubric; an unknown check by its id.
    const blockers = screen.getByRole('list', { name: 'Top blockers' });
    expect(
      within(blockers)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'Data and prediction drift are measured (L3 Monitored) — blocks 3 services',
      'Runs and model versions in a registry (L2 Automated) — blocks 2 services',
      'no-such-check — blocks 1 service',
    ]);

    expect(
      screen
        .getByRole('link', { name: /View in the MLOps scorecard/ })
        .getAttribute('href'),
    ).toBe(`/mlops-maturity?${OWNER_QUERY}`);
  });

  it('shows progress while loading', async () => {
    render(new Promise<Scorecard>(() => {}));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Services per level' }),
    ).not.toBeInTheDocument();
  });

  it('shows an error', async () => {
    render(await responseError(500, 'Error', 'database unavailable'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Could not load the team's MLOps maturity: database unavailable",
    );
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('says so when the group owns no assessed ML services', async () => {
    const api = render(EMPTY_SCORECARD);
    expect(
      await screen.findByText(/owns no assessed ML services/),
    ).toHaveTextContent(
      'This group owns no assessed ML services. Services tagged ml-service are assessed on the next scheduled run.',
    );
    expect(api.getRubric).not.toHaveBeenCalled();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows the figures without links where the app has no scorecard page', async () => {
    render(FRAUD_SCORECARD, { withScorecardPage: false });
    const levels = await screen.findByRole('list', {
      name: 'Services per level',
    });
    expect(within(levels).getByText('L2 Automated: 3')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});

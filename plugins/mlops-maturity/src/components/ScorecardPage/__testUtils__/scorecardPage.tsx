import { screen, within } from '@testing-library/react';
import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_RUBRIC_CHECKS,
  DEFAULT_RUBRIC_LEVELS,
  type AssessmentSummary,
  type Facets,
  type LevelCounts,
  type Leverage,
  type MlopsMaturityApi,
  type Scorecard,
  type ScorecardGroupBy,
  type ScorecardTrend,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlopsMaturityApiRef } from '../../../api/MlopsMaturityApi';
import { mockResizeObserver } from '../../../__testUtils__/resizeObserver';
import { ScorecardPage } from '../ScorecardPage';

/** Shared fixtures, rendering and queries of the `ScorecardPage.*.test.tsx` files. */

export function counts(
  l0: number,
  l1: number,
  l2: number,
  l3: number,
  l4: number,
): LevelCounts {
  return { 0: l0, 1: l1, 2: l2, 3: l3, 4: l4 };
}

/**
 * 50 services: most at L1, 30 at or above their target; fraud-ml has the most levels declared
 * but unproven, the unowned services none.
 */
export function buildScorecard(groupBy: ScorecardGroupBy = 'owner'): Scorecard {
  const groups: Record<ScorecardGroupBy, Scorecard['groups']> = {
    owner: [
      {
        key: 'group:default/fraud-ml',
        total: 20,
        byLevel: counts(0, 5, 8, 5, 2),
        byVerifiedLevel: counts(6, 8, 4, 2, 0),
        meetsTarget: 16,
        unprovenLevels: 22,
        unproven: 12,
      },
      {
        key: 'group:default/recsys',
        total: 25,
        byLevel: counts(2, 15, 4, 3, 1),
        byVerifiedLevel: counts(4, 15, 3, 3, 0),
        meetsTarget: 10,
        unprovenLevels: 6,
        unproven: 3,
      },
      {
        key: '(none)',
        total: 5,
        byLevel: counts(3, 0, 0, 2, 0),
        byVerifiedLevel: counts(3, 0, 0, 2, 0),
        meetsTarget: 4,
        unprovenLevels: 0,
        unproven: 0,
      },
    ],
    system: [
      {
        key: 'system:default/payments',
        total: 30,
        byLevel: counts(1, 10, 9, 8, 2),
        byVerifiedLevel: counts(7, 12, 5, 6, 0),
        meetsTarget: 20,
        unprovenLevels: 20,
        unproven: 10,
      },
      {
        key: 'system:default/discovery',
        total: 20,
        byLevel: counts(4, 10, 3, 2, 1),
        byVerifiedLevel: counts(6, 11, 2, 1, 0),
        meetsTarget: 10,
        unprovenLevels: 8,
        unproven: 5,
      },
    ],
    domain: [
      {
        key: 'domain:default/finance',
        total: 50,
        byLevel: counts(5, 20, 12, 10, 3),
        byVerifiedLevel: counts(13, 23, 7, 7, 0),
        meetsTarget: 30,
        unprovenLevels: 28,
        unproven: 15,
      },
    ],
    lifecycle: [
      {
        key: 'production',
        total: 40,
        byLevel: counts(2, 16, 10, 9, 3),
        byVerifiedLevel: counts(8, 18, 7, 7, 0),
        meetsTarget: 26,
        unprovenLevels: 22,
        unproven: 11,
      },
      {
        key: 'experimental',
        total: 10,
        byLevel: counts(3, 4, 2, 1, 0),
        byVerifiedLevel: counts(5, 5, 0, 0, 0),
        meetsTarget: 4,
        unprovenLevels: 6,
        unproven: 4,
      },
    ],
  };
  return {
    total: 50,
    byLevel: counts(5, 20, 12, 10, 3),
    // Live evidence proves less: 28 levels in 15 services are declared but unproven.
    byVerifiedLevel: counts(13, 23, 7, 7, 0),
    meetsTarget: 30,
    unprovenLevels: 28,
    unproven: 15,
    groupBy,
    groups: groups[groupBy],
    topBlockers: [
      { checkId: 'training-pipeline', count: 18 },
      { checkId: 'drift-monitoring', count: 9 },
      { checkId: 'custom-check', count: 2 },
    ],
  };
}

export const emptyScorecard: Scorecard = {
  total: 0,
  byLevel: counts(0, 0, 0, 0, 0),
  byVerifiedLevel: counts(0, 0, 0, 0, 0),
  meetsTarget: 0,
  unprovenLevels: 0,
  unproven: 0,
  groupBy: 'owner',
  groups: [],
  topBlockers: [],
};

export function summary(
  n: number,
  overrides: Partial<AssessmentSummary> = {},
): AssessmentSummary {
  return {
    entityRef: `component:default/model-${n}`,
    title: `Model ${n}`,
    owner: 'group:default/fraud-ml',
    system: 'system:default/payments',
    domain: 'domain:default/finance',
    lifecycle: 'production',
    level: 2,
    verifiedLevel: 2,
    targetLevel: 2,
    meetsTarget: true,
    assessedAt: '2026-03-20T12:00:00.000Z',
    ...overrides,
  };
}

export const trend: ScorecardTrend = {
  points: [
    {
      at: '2026-01-01T00:00:00.000Z',
      total: 40,
      byLevel: counts(10, 20, 6, 4, 0),
      meetsTarget: 15,
    },
    {
      at: '2026-02-01T00:00:00.000Z',
      total: 45,
      byLevel: counts(8, 20, 9, 7, 1),
      meetsTarget: 22,
    },
    {
      at: '2026-03-01T00:00:00.000Z',
      total: 50,
      byLevel: counts(5, 20, 12, 10, 3),
      meetsTarget: 30,
    },
  ],
};

/** Two checks lift services; three services are one check from their target. */
export const leverage: Leverage = {
  checks: [
    { checkId: 'training-pipeline', lifts: 7, reachesTarget: 2 },
    { checkId: 'drift-monitoring', lifts: 3, reachesTarget: 0 },
  ],
  oneCheckFromTarget: [
    {
      entityRef: 'component:default/churn',
      title: 'Churn model',
      owner: 'group:default/recsys',
      level: 1,
      targetLevel: 2,
      checkId: 'training-pipeline',
    },
    {
      entityRef: 'component:default/ranker',
      title: 'Ranker',
      owner: 'group:default/fraud-ml',
      level: 1,
      targetLevel: 2,
      checkId: 'training-pipeline',
    },
  ],
  oneCheckFromTargetTotal: 3,
};

export const facets: Facets = {
  owners: [
    { value: 'group:default/fraud-ml', count: 20 },
    { value: 'group:default/recsys', count: 25 },
  ],
  systems: [
    { value: 'system:default/discovery', count: 20 },
    { value: 'system:default/payments', count: 30 },
  ],
  domains: [{ value: 'domain:default/finance', count: 50 }],
  lifecycles: [
    { value: 'experimental', count: 10 },
    { value: 'production', count: 40 },
  ],
};

export function mockApi(
  overrides: Partial<MlopsMaturityApi> = {},
): jest.Mocked<MlopsMaturityApi> {
  return {
    getAssessment: jest.fn(),
    getHistory: jest.fn(),
    refresh: jest.fn(),
    getScorecard: jest.fn(async (groupBy: ScorecardGroupBy) =>
      buildScorecard(groupBy),
    ),
    listAssessments: jest.fn(async () => ({
      items: [
        summary(1, {
          title: 'Fraud scorer',
          entityRef: 'component:default/fraud-scorer',
          level: 3,
          verifiedLevel: 2,
          targetLevel: 3,
        }),
        summary(2, {
          meetsTarget: false,
          targetLevel: 3,
          owner: 'group:default/recsys',
        }),
      ],
      nextCursor: undefined,
      total: 2,
    })),
    getTrend: jest.fn(async () => trend),
    getLeverage: jest.fn(async () => leverage),
    getFacets: jest.fn(async () => facets),
    getRubric: jest.fn(async () => ({
      version: 'v1',
      levels: [...DEFAULT_RUBRIC_LEVELS],
      checks: [...DEFAULT_RUBRIC_CHECKS],
    })),
    ...overrides,
  } as jest.Mocked<MlopsMaturityApi>;
}

export function renderPage(
  api: MlopsMaturityApi,
  search = '',
  options: { withCatalog?: boolean } = {},
) {
  return renderInTestApp(<ScorecardPage />, {
    apis: [[mlopsMaturityApiRef, api]],
    mountPath: '/mlops-maturity',
    initialRouteEntries: [`/mlops-maturity${search}`],
    mountedRoutes:
      options.withCatalog === false
        ? {}
        : { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

/** The query string of the app's current location. */
export function currentSearch(
  result: ReturnType<typeof renderPage>,
): URLSearchParams {
  const location = result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return new URLSearchParams(location.search);
}

/** The tables of the page outside the "What to fix first" section. */
function pageTables(): HTMLElement[] {
  return screen
    .getAllByRole('table')
    .filter(t => !t.closest('section[aria-label="What to fix first"]'));
}

/** The group table: the one whose header has the level columns and the group's name. */
export function groupTable(): HTMLElement {
  const table = pageTables().find(t =>
    within(t).queryByRole('columnheader', {
      name: /^(Owner|System|Domain|Lifecycle)$/,
    }),
  );
  if (!table) throw new Error('No group table');
  return table;
}

/** The first cells of the group table's body rows. */
export function groupNames(): string[] {
  const rows = within(groupTable()).getAllByRole('row').slice(1);
  return rows.map(r => within(r).getAllByRole('cell')[0].textContent ?? '');
}

/** The cells of one column of the group table's body rows, by the column's header. */
export function groupColumn(header: string): string[] {
  const table = groupTable();
  const headers = within(table).getAllByRole('columnheader');
  const index = headers.findIndex(h => h.textContent === header);
  if (index < 0) throw new Error(`No group table column ${header}`);
  const rows = within(table).getAllByRole('row').slice(1);
  return rows.map(r => within(r).getAllByRole('cell')[index].textContent ?? '');
}

/** The table of the assessed services. */
export function entityTable(): HTMLElement {
  const table = pageTables().find(t =>
    within(t).queryByRole('columnheader', { name: 'Service' }),
  );
  if (!table) throw new Error('No entity table');
  return table;
}

/**
 * The setup every ScorecardPage test file shares; call it once at the top level of the file.
 * (The time limits for slow machines are in src/setupTests.ts.)
 */
export function setUpScorecardPageTests() {
  let restoreResizeObserver: () => void;
  beforeEach(() => {
    restoreResizeObserver = mockResizeObserver();
  });
  afterEach(() => {
    restoreResizeObserver();
  });
}

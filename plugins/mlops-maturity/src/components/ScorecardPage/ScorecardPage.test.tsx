import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_RUBRIC_CHECKS,
  DEFAULT_RUBRIC_LEVELS,
  type AssessmentPage,
  type AssessmentSummary,
  type LevelCounts,
  type MaturityFilter,
  type MlopsMaturityApi,
  type Scorecard,
  type ScorecardGroupBy,
  type ScorecardTrend,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { mlopsMaturityApiRef } from '../../api/MlopsMaturityApi';
import { responseError } from '../../__testUtils__/assessments';
import { mockResizeObserver } from '../../__testUtils__/resizeObserver';
import { ScorecardPage } from './ScorecardPage';

function counts(
  l0: number,
  l1: number,
  l2: number,
  l3: number,
  l4: number,
): LevelCounts {
  return { 0: l0, 1: l1, 2: l2, 3: l3, 4: l4 };
}

/** 50 services: most at L1, 30 at or above their target. */
function buildScorecard(groupBy: ScorecardGroupBy = 'owner'): Scorecard {
  const groups: Record<ScorecardGroupBy, Scorecard['groups']> = {
    owner: [
      {
        key: 'group:default/fraud-ml',
        total: 20,
        byLevel: counts(0, 5, 8, 5, 2),
        meetsTarget: 16,
      },
      {
        key: 'group:default/recsys',
        total: 25,
        byLevel: counts(2, 15, 4, 3, 1),
        meetsTarget: 10,
      },
      {
        key: '(none)',
        total: 5,
        byLevel: counts(3, 0, 0, 2, 0),
        meetsTarget: 4,
      },
    ],
    system: [
      {
        key: 'system:default/payments',
        total: 30,
        byLevel: counts(1, 10, 9, 8, 2),
        meetsTarget: 20,
      },
      {
        key: 'system:default/discovery',
        total: 20,
        byLevel: counts(4, 10, 3, 2, 1),
        meetsTarget: 10,
      },
    ],
    domain: [
      {
        key: 'domain:default/finance',
        total: 50,
        byLevel: counts(5, 20, 12, 10, 3),
        meetsTarget: 30,
      },
    ],
    lifecycle: [
      {
        key: 'production',
        total: 40,
        byLevel: counts(2, 16, 10, 9, 3),
        meetsTarget: 26,
      },
      {
        key: 'experimental',
        total: 10,
        byLevel: counts(3, 4, 2, 1, 0),
        meetsTarget: 4,
      },
    ],
  };
  return {
    total: 50,
    byLevel: counts(5, 20, 12, 10, 3),
    meetsTarget: 30,
    groupBy,
    groups: groups[groupBy],
    topBlockers: [
      { checkId: 'training-pipeline', count: 18 },
      { checkId: 'drift-monitoring', count: 9 },
      { checkId: 'custom-check', count: 2 },
    ],
  };
}

const emptyScorecard: Scorecard = {
  total: 0,
  byLevel: counts(0, 0, 0, 0, 0),
  meetsTarget: 0,
  groupBy: 'owner',
  groups: [],
  topBlockers: [],
};

function summary(
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

const trend: ScorecardTrend = {
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

function mockApi(
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
    getRubric: jest.fn(async () => ({
      version: 'v1',
      levels: [...DEFAULT_RUBRIC_LEVELS],
      checks: [...DEFAULT_RUBRIC_CHECKS],
    })),
    ...overrides,
  } as jest.Mocked<MlopsMaturityApi>;
}

function renderPage(
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
function currentSearch(result: ReturnType<typeof renderPage>): URLSearchParams {
  const location = result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return new URLSearchParams(location.search);
}

/** The group table: the one whose header has the level columns and the group's name. */
function groupTable(): HTMLElement {
  const table = screen.getAllByRole('table').find(t =>
    within(t).queryByRole('columnheader', {
      name: /^(Owner|System|Domain|Lifecycle)$/,
    }),
  );
  if (!table) throw new Error('No group table');
  return table;
}

/** The first cells of the group table's body rows. */
function groupNames(): string[] {
  const rows = within(groupTable()).getAllByRole('row').slice(1);
  return rows.map(r => within(r).getAllByRole('cell')[0].textContent ?? '');
}

/** The table of the assessed services. */
function entityTable(): HTMLElement {
  const table = screen
    .getAllByRole('table')
    .find(t => within(t).queryByRole('columnheader', { name: 'Service' }));
  if (!table) throw new Error('No entity table');
  return table;
}

// The whole page (material-table, recharts) renders in each test; slow machines need time.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5000 });

let restoreResizeObserver: () => void;
beforeEach(() => {
  restoreResizeObserver = mockResizeObserver();
});
afterEach(() => {
  restoreResizeObserver();
});

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
      'L0 Manual: 5 (10%)',
      'L1 Scripted: 20 (40%)',
      'L2 Automated: 12 (24%)',
      'L3 Monitored: 10 (20%)',
      'L4 Optimized: 3 (6%)',
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
    const cells = within(within(table).getAllByRole('row')[1]).getAllByRole(
      'cell',
    );
    expect(cells[cells.length - 1]).toHaveTextContent('40% (10)');

    // The search box narrows the loaded groups.
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search owners' }),
      'fraud',
    );
    // material-table debounces the search.
    await waitFor(() => expect(groupNames()).toEqual(['fraud-ml']));
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

  it('pages the services by cursor and links to their pages', async () => {
    const page1: AssessmentPage = {
      items: [
        summary(1, {
          title: 'Fraud scorer',
          entityRef: 'component:default/fraud-scorer',
        }),
        summary(2),
      ],
      nextCursor: 'cursor-2',
      total: 4,
    };
    const page2: AssessmentPage = {
      items: [
        summary(3, { meetsTarget: false, targetLevel: 4 }),
        summary(4, { title: undefined }),
      ],
      total: 4,
    };
    const api = mockApi({
      listAssessments: jest.fn(async (_filter, page) =>
        page?.cursor === 'cursor-2' ? page2 : page1,
      ),
    });
    renderPage(api);

    const link = await screen.findByRole('link', { name: 'Fraud scorer' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-scorer',
    );
    expect(
      screen.getByRole('link', { name: 'MLOps maturity of Fraud scorer' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-scorer/mlops-maturity',
    );
    const table = entityTable();
    expect(
      within(table).getAllByRole('link', { name: 'fraud-ml' })[0],
    ).toHaveAttribute('href', '/catalog/default/group/fraud-ml');
    expect(screen.getByText('1–2 of 4')).toBeInTheDocument();
    expect(
      screen.getByText('4 assessed ML services match the filters'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(
      await screen.findByRole('link', { name: 'Model 3' }),
    ).toBeInTheDocument();
    expect(api.listAssessments).toHaveBeenLastCalledWith(
      {},
      { limit: 25, cursor: 'cursor-2' },
    );
    // Without a title, the entity's name.
    expect(screen.getByRole('link', { name: 'model-4' })).toHaveAttribute(
      'href',
      '/catalog/default/component/model-4',
    );
    expect(
      within(entityTable()).getByText('No, below target'),
    ).toBeInTheDocument();
    expect(screen.getByText('3–4 of 4')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(
      await screen.findByRole('link', { name: 'Fraud scorer' }),
    ).toBeInTheDocument();
    expect(api.listAssessments).toHaveBeenLastCalledWith(
      {},
      { limit: 25, cursor: undefined },
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Rows per page'),
      '100',
    );
    await waitFor(() =>
      expect(api.listAssessments).toHaveBeenLastCalledWith(
        {},
        { limit: 100, cursor: undefined },
      ),
    );
  });

  it('shows names without links in an app without the catalog entity page', async () => {
    renderPage(mockApi(), '', { withCatalog: false });

    const table = await waitFor(() => entityTable());
    expect(await within(table).findByText('Fraud scorer')).toBeInTheDocument();
    expect(within(table).queryAllByRole('link')).toEqual([]);
    expect(within(groupTable()).queryAllByRole('link')).toEqual([]);
  });

  it('shows levels with the verified level in the services table', async () => {
    renderPage(mockApi());
    await screen.findByRole('link', { name: 'Fraud scorer' });
    const row = within(entityTable())
      .getByRole('link', { name: 'Fraud scorer' })
      .closest('tr')!;
    expect(
      within(row).getByLabelText('Maturity level L3 Monitored'),
    ).toBeInTheDocument();
    expect(
      within(row).getByLabelText('Verified level L2 Automated'),
    ).toBeInTheDocument();
  });

  it('exports every filtered service as CSV, a page of 500 at a time', async () => {
    const pages: Record<string, AssessmentPage> = {
      start: {
        items: Array.from({ length: 500 }, (_, i) => summary(i)),
        nextCursor: 'p2',
        total: 1003,
      },
      p2: {
        items: Array.from({ length: 500 }, (_, i) => summary(500 + i)),
        nextCursor: 'p3',
        total: 1003,
      },
      p3: {
        items: [
          summary(1000),
          summary(1001),
          summary(1002, { title: '=1+1, "quoted"' }),
        ],
        total: 1003,
      },
    };
    const api = mockApi();
    renderPage(api, '?level=2');
    await screen.findByRole('link', { name: 'Fraud scorer' });
    api.listAssessments.mockClear();

    api.listAssessments.mockImplementation(async (_filter, page) => {
      if (page?.limit !== 500)
        throw new Error(`Unexpected page ${JSON.stringify(page)}`);
      return pages[page.cursor ?? 'start'];
    });
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:mlops-maturity-export';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const downloads: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordClick(this: HTMLAnchorElement) {
        downloads.push(this.download);
      });

    try {
      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      expect(
        await screen.findByText('Exported 1,003 services.'),
      ).toBeInTheDocument();
      expect(api.listAssessments.mock.calls).toEqual([
        [{ level: 2 }, { limit: 500, cursor: undefined }],
        [{ level: 2 }, { limit: 500, cursor: 'p2' }],
        [{ level: 2 }, { limit: 500, cursor: 'p3' }],
      ]);
      expect(createObjectURL).toHaveBeenCalledTimes(1);
      expect(downloads).toEqual([
        expect.stringMatching(/^mlops-maturity-\d{4}-\d{2}-\d{2}\.csv$/),
      ]);
      const text = new TextDecoder().decode(await blobs[0].arrayBuffer());
      const lines = text.split('\r\n');
      expect(lines[0]).toBe(
        'entityRef,title,owner,system,domain,lifecycle,level,verifiedLevel,targetLevel,meetsTarget,assessedAt',
      );
      // Header, 1003 rows and the final line break.
      expect(lines).toHaveLength(1005);
      expect(lines[1]).toMatch(/^component:default\/model-0,Model 0,/);
      expect(lines[1003]).toBe(
        `component:default/model-1002,"'=1+1, ""quoted""",group:default/fraud-ml,system:default/payments,domain:default/finance,production,2,2,2,true,2026-03-20T12:00:00.000Z`,
      );
    } finally {
      click.mockRestore();
    }
  });

  it('shows the progress of an export and a failure', async () => {
    const api = mockApi();
    renderPage(api);
    await screen.findByRole('link', { name: 'Fraud scorer' });

    let failSecondPage: (e: Error) => void = () => {};
    api.listAssessments.mockImplementation(async (_filter, page) => {
      if (!page?.cursor) {
        return {
          items: Array.from({ length: 500 }, (_, i) => summary(i)),
          nextCursor: 'p2',
          total: 2000,
        };
      }
      return new Promise((_resolve, reject) => {
        failSecondPage = reject;
      });
    });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(
      await screen.findByText('Exporting 500 of 2,000 services…'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Export progress' }),
    ).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();

    failSecondPage(await responseError(500, 'Error', 'database is down'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /The export failed: .*database is down/,
    );
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
  });

  it('explains the schedule and the ml-service tag when nothing is assessed yet', async () => {
    const api = mockApi({ getScorecard: jest.fn(async () => emptyScorecard) });
    renderPage(api);

    expect(
      await screen.findByText('No ML services have been assessed yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/assesses ML services on a schedule/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('ml-service', { exact: false }).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('search', { name: 'Filters' })).toBeNull();
    expect(api.listAssessments).not.toHaveBeenCalled();
    expect(api.getTrend).not.toHaveBeenCalled();
  });

  it('says when no service matches the filters and offers to clear them', async () => {
    const api = mockApi({
      getScorecard: jest.fn(
        async (groupBy: ScorecardGroupBy, filter?: MaturityFilter) =>
          filter?.level === 4 ? emptyScorecard : buildScorecard(groupBy),
      ),
    });
    const result = renderPage(api, '?level=4');

    expect(
      await screen.findByText('No assessed ML services match these filters'),
    ).toBeInTheDocument();
    expect(screen.getByRole('search', { name: 'Filters' })).toBeInTheDocument();

    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    await userEvent.click(clear[clear.length - 1]);

    expect(
      await screen.findByRole('list', { name: 'Services per level' }),
    ).toBeInTheDocument();
    expect(currentSearch(result).get('level')).toBeNull();
  });

  it('shows an error when the scorecard cannot be loaded', async () => {
    const error = await responseError(
      403,
      'NotAllowedError',
      'You may not read MLOps maturity assessments',
    );
    const api = mockApi({ getScorecard: jest.fn().mockRejectedValue(error) });
    renderPage(api);

    expect(
      await screen.findByText(/Could not load the scorecard/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/You may not read MLOps maturity assessments/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Services per level' }),
    ).toBeNull();
  });

  it('keeps the page when the trend or the services fail', async () => {
    const api = mockApi({
      getTrend: jest
        .fn()
        .mockRejectedValue(await responseError(500, 'Error', 'trend exploded')),
      listAssessments: jest
        .fn()
        .mockRejectedValue(await responseError(500, 'Error', 'list exploded')),
    });
    renderPage(api);

    expect(
      await screen.findByText(/Could not load the trend/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Could not load the services/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Services per level' }),
    ).toBeInTheDocument();
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { CatalogTable } from '@backstage/plugin-catalog';
import {
  EntityKindFilter,
  entityRouteRef,
  starredEntitiesApiRef,
  MockStarredEntitiesApi,
} from '@backstage/plugin-catalog-react';
import { MockEntityListContextProvider } from '@backstage/plugin-catalog-react/testUtils';
import {
  createMlopsLevelColumn,
  withMlopsLevelColumn,
} from './mlopsLevelColumn';

function entity(name: string, kind = 'Component', level?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      labels: level === undefined ? {} : { 'mlops-maturity.io/level': level },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

const SERVICES = [
  entity('alpha-scorer', 'Component', '3'),
  entity('beta-api'),
  entity('churn-model', 'Component', '1'),
  entity('delta-ranker', 'Component', '4'),
];

async function renderTable(entities: Entity[], kind = 'component') {
  await renderInTestApp(
    <TestApiProvider
      apis={[[starredEntitiesApiRef, new MockStarredEntitiesApi()]]}
    >
      <MockEntityListContextProvider
        value={{
          entities,
          filters: { kind: new EntityKindFilter(kind, kind) },
        }}
      >
        <CatalogTable columns={withMlopsLevelColumn()} />
      </MockEntityListContextProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The entity names of the table's rows, top to bottom. */
function rowNames(): string[] {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent ?? '');
}

/** Each row's MLOps level cell, top to bottom. */
function levelCells(): string[] {
  const headers = screen.getAllByRole('columnheader');
  const column = headers.findIndex(h => h.textContent === 'MLOps level');
  expect(column).toBeGreaterThan(-1);
  return screen
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[column].textContent ?? '');
}

describe('the MLOps level column', () => {
  it('shows the level badge from the label, after the lifecycle column', async () => {
    await renderTable(SERVICES);
    expect(
      await screen.findByRole('columnheader', { name: 'MLOps level' }),
    ).toBeInTheDocument();
    const headers = screen.getAllByRole('columnheader').map(h => h.textContent);
    expect(headers.indexOf('MLOps level')).toBe(
      headers.indexOf('Lifecycle') + 1,
    );
    // Rows sorted by name, as the catalog sorts them; no badge without the label.
    expect(rowNames()).toEqual([
      'alpha-scorer',
      'beta-api',
      'churn-model',
      'delta-ranker',
    ]);
    expect(levelCells()).toEqual([
      'L3 Monitored',
      '',
      'L1 Scripted',
      'L4 Optimized',
    ]);
    expect(
      screen.getByLabelText('Maturity level L3 Monitored'),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('mlops-level-badge')).toHaveLength(3);
  });

  it('sorts by level, both ways', async () => {
    await renderTable(SERVICES);
    const header = await screen.findByRole('columnheader', {
      name: 'MLOps level',
    });
    await userEvent.click(within(header).getByText('MLOps level'));
    expect(rowNames()).toEqual([
      'beta-api',
      'churn-model',
      'alpha-scorer',
      'delta-ranker',
    ]);
    await userEvent.click(within(header).getByText('MLOps level'));
    expect(rowNames()).toEqual([
      'delta-ranker',
      'alpha-scorer',
      'churn-model',
      'beta-api',
    ]);
  });

  it('is left out for kinds that carry no level', async () => {
    await renderTable(
      [entity('team-a', 'Group'), entity('team-b', 'Group')],
      'group',
    );
    expect(await screen.findByText('team-a')).toBeInTheDocument();
    expect(
      screen.queryByRole('columnheader', { name: 'MLOps level' }),
    ).not.toBeInTheDocument();
  });

  it('adds itself to given columns and matches searches by level name', () => {
    const name = CatalogTable.columns.createNameColumn();
    const columns = withMlopsLevelColumn([name], { title: 'Level' })({
      entities: [],
      filters: {},
    } as any);
    expect(columns.map(c => c.title)).toEqual([name.title, 'Level']);

    const column = createMlopsLevelColumn();
    const row = (e: Entity) => ({
      entity: e,
      resolved: {
        name: e.metadata.name,
        entityRef: '',
        partOfSystemRelations: [],
        ownedByRelations: [],
      },
    });
    const search = (query: string, e: Entity) =>
      column.customFilterAndSearch!(query, row(e), column as any);
    expect(search('automated', entity('x', 'Component', '2'))).toBe(true);
    expect(search('L2', entity('x', 'Component', '3'))).toBe(false);
    expect(search('L', entity('x'))).toBe(false);
    // An invalid label is no level.
    expect(search('L', entity('x', 'Component', '9'))).toBe(false);
  });
});

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  catalogApiMock,
  MockEntityListContextProvider,
} from '@backstage/plugin-catalog-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { MlopsLevelFilter } from './MlopsLevelFilter';
import { MlopsLevelPicker } from './MlopsLevelPicker';

const withLevel = (level?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'churn',
    labels: level ? { 'mlops-maturity.io/level': level } : {},
  },
});

describe('MlopsLevelFilter', () => {
  it('becomes a predicate of the catalog query on the level label', () => {
    expect(new MlopsLevelFilter(['3']).getCatalogQuery()).toEqual({
      'metadata.labels.mlops-maturity.io/level': '3',
    });
    expect(new MlopsLevelFilter(['3', '4']).getCatalogQuery()).toEqual({
      'metadata.labels.mlops-maturity.io/level': { $in: ['3', '4'] },
    });
    expect(new MlopsLevelFilter([]).getCatalogQuery()).toBeUndefined();
    expect(new MlopsLevelFilter(['2']).toQueryValue()).toEqual(['2']);
  });

  it('matches entities the same way on the client', () => {
    const filter = new MlopsLevelFilter(['2', '4']);
    expect(filter.filterEntity(withLevel('2'))).toBe(true);
    expect(filter.filterEntity(withLevel('3'))).toBe(false);
    expect(filter.filterEntity(withLevel())).toBe(false);
  });
});

describe('MlopsLevelPicker', () => {
  it('offers the levels the catalog has, by name, and sets the filter', async () => {
    const getEntityFacets = jest.fn(async () => ({
      facets: {
        'metadata.labels.mlops-maturity.io/level': [
          { value: '2', count: 4 },
          { value: '3', count: 1 },
        ],
      },
    }));
    const catalogApi = catalogApiMock.mock({ getEntityFacets });
    const updateFilters = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[catalogApi]}>
        <MockEntityListContextProvider value={{ updateFilters }}>
          <MlopsLevelPicker />
        </MockEntityListContextProvider>
      </TestApiProvider>,
    );
    expect(getEntityFacets).toHaveBeenCalledWith(
      expect.objectContaining({
        facets: ['metadata.labels.mlops-maturity.io/level'],
      }),
    );
    expect(await screen.findByText('MLOps level')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('mlopsLevel-picker-expand'));
    await userEvent.click(await screen.findByText(/L3 Monitored/));
    expect(updateFilters).toHaveBeenLastCalledWith({
      mlopsLevel: new MlopsLevelFilter(['3']),
    });
  });
});

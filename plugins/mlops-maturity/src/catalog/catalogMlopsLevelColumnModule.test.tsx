import { screen, waitFor, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import {
  catalogApiRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { catalogMlopsLevelColumnModule } from './catalogMlopsLevelColumnModule';

const service = (name: string, level?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    labels: level ? { 'mlops-maturity.io/level': level } : {},
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

function renderCatalog(features: Parameters<typeof renderTestApp>[0]) {
  return renderTestApp({
    ...features,
    apis: [
      [
        catalogApiRef,
        catalogApiMock({
          entities: [service('fraud-scorer', '2'), service('billing-api')],
        }),
      ],
      [starredEntitiesApiRef, new MockStarredEntitiesApi()],
    ],
    initialRouteEntries: ['/catalog?filters[kind]=component&filters[user]=all'],
  });
}

describe('catalogMlopsLevelColumnModule', () => {
  it("adds the MLOps level column to the catalog's index page", async () => {
    renderCatalog({ features: [catalogPlugin, catalogMlopsLevelColumnModule] });
    const header = await screen.findByRole(
      'columnheader',
      { name: 'MLOps level' },
      { timeout: 20_000 },
    );
    expect(header).toBeInTheDocument();
    // The table renders again as the list loads: look rows up once they are there.
    await waitFor(() => {
      const row = screen
        .getByRole('link', { name: 'fraud-scorer' })
        .closest('tr')!;
      expect(
        within(row).getByLabelText('Maturity level L2 Automated'),
      ).toBeInTheDocument();
      const other = screen
        .getByRole('link', { name: 'billing-api' })
        .closest('tr')!;
      expect(within(other).queryByTestId('mlops-level-badge')).toBeNull();
    });
  });

  it('is needed: the catalog alone has no such column', async () => {
    renderCatalog({ features: [catalogPlugin] });
    await screen.findByRole(
      'link',
      { name: 'fraud-scorer' },
      { timeout: 20_000 },
    );
    expect(screen.getByRole('columnheader', { name: 'Owner' })).toBeVisible();
    expect(
      screen.queryByRole('columnheader', { name: 'MLOps level' }),
    ).not.toBeInTheDocument();
  });
});

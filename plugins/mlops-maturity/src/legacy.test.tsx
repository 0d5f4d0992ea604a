import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { buildAssessment, mlServiceEntity } from './__testUtils__/assessments';
import { mockMaturityApi } from './__testUtils__/render';
import { mlopsMaturityApiRef } from './api/MlopsMaturityApi';
import {
  EntityGroupMaturityCard,
  EntityMlopsMaturityCard,
  MlopsMaturityPage,
} from './index';

// Apps on the old frontend system use the main entry's routable and component extensions.
describe('the legacy exports', () => {
  it('render the overview card of an entity', async () => {
    const api = mockMaturityApi({
      getAssessment: jest.fn(async (_ref: string) => buildAssessment()),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[mlopsMaturityApiRef, api]]}>
        <EntityProvider entity={mlServiceEntity()}>
          <EntityMlopsMaturityCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole('heading', { name: 'MLOps maturity' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByLabelText(/^Maturity level L\d/),
    ).toBeInTheDocument();
  });

  it("render the group card of a team's page", async () => {
    const api = mockMaturityApi({
      getScorecard: jest.fn(async () => ({
        total: 0,
        byLevel: { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 },
        byVerifiedLevel: { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 },
        meetsTarget: 0,
        unprovenLevels: 0,
        unproven: 0,
        groupBy: 'owner' as const,
        groups: [],
        topBlockers: [],
      })),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[mlopsMaturityApiRef, api]]}>
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'platform-eng' },
          }}
        >
          <EntityGroupMaturityCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/owns no assessed ML services/),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith('owner', {
      owner: 'group:default/platform-eng',
    });
  });

  it('mount the scorecard page on its route', async () => {
    const api = mockMaturityApi({
      getScorecard: jest.fn(async () => ({
        total: 0,
        byLevel: { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 },
        byVerifiedLevel: { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 },
        meetsTarget: 0,
        unprovenLevels: 0,
        unproven: 0,
        groupBy: 'owner' as const,
        groups: [],
        topBlockers: [],
      })),
      getRubric: jest.fn(
        async () => ({ version: 'v', levels: [], checks: [] } as any),
      ),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[mlopsMaturityApiRef, api]]}>
        <Routes>
          <Route path="/mlops-maturity" element={<MlopsMaturityPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/mlops-maturity'] },
    );
    expect(
      await screen.findByRole('heading', { name: 'MLOps maturity', level: 1 }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No ML services have been assessed yet'),
    ).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AssessmentPage } from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  entityTable,
  groupTable,
  mockApi,
  renderPage,
  setUpScorecardPageTests,
  summary,
} from './__testUtils__/scorecardPage';

setUpScorecardPageTests();

describe('ScorecardPage', () => {
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
});

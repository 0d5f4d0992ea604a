import { screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { mlopsMaturityPlugin } from './plugin';

describe('mlopsMaturityPlugin', () => {
  it('serves the maturity page at /mlops-maturity in an app', async () => {
    renderTestApp({
      features: [mlopsMaturityPlugin],
      initialRouteEntries: ['/mlops-maturity'],
    });

    expect(
      await screen.findByRole('heading', { name: 'MLOps maturity' }),
    ).toBeInTheDocument();
    expect(screen.getByText('L2 Automated')).toBeInTheDocument();
    expect(screen.getByText('L4 Optimized')).toBeInTheDocument();
  });
});

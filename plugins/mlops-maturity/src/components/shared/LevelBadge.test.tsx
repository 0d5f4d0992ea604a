import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { LevelBadge } from './LevelBadge';

describe('LevelBadge', () => {
  it('shows the level by name', async () => {
    renderInTestApp(<LevelBadge level={2} />);
    expect(await screen.findByText('L2 Automated')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Maturity level L2 Automated'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/verified/)).not.toBeInTheDocument();
  });

  it('shows the verified level only when it differs', async () => {
    renderInTestApp(
      <>
        <LevelBadge level={3} verified={1} />
        <LevelBadge level={4} verified={4} />
      </>,
    );
    expect(await screen.findByText('verified L1 Scripted')).toBeInTheDocument();
    expect(screen.getByText('L3 Monitored')).toBeInTheDocument();
    expect(screen.getByText('L4 Optimized')).toBeInTheDocument();
    expect(screen.getAllByText(/^verified/)).toHaveLength(1);
  });
});

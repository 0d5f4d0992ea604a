import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the guest sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // The whole app loads lazily; on a busy CI machine that takes longer than the default 1 s.
    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 60_000 }),
    ).toBeInTheDocument();
  });
});

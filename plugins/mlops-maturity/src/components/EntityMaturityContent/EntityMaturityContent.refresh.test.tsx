import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Assessment,
  mlopsMaturityAssessmentRefreshPermission,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  buildAssessment,
  FRAUD_SCORER_REF,
  responseError,
} from '../../__testUtils__/assessments';
import {
  renderContent,
  setUpEntityMaturityContentTests,
} from './__testUtils__/renderContent';

/** A promise with its resolve and reject exposed. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

setUpEntityMaturityContentTests();

describe('EntityMaturityContent', () => {
  describe('refresh', () => {
    it('is hidden when the permission is denied', async () => {
      const { permissionRequests } = renderContent(
        buildAssessment({}, new Date()),
        {
          permission: AuthorizeResult.DENY,
        },
      );
      await screen.findByRole('region', { name: 'Maturity level' });
      await waitFor(() =>
        expect(permissionRequests).toContainEqual({
          permission: mlopsMaturityAssessmentRefreshPermission,
          resourceRef: FRAUD_SCORER_REF,
        }),
      );
      // Let the decision render.
      await new Promise(resolve => setTimeout(resolve, 0));
      expect(
        screen.queryByRole('button', { name: /refresh/i }),
      ).not.toBeInTheDocument();
    });

    it('re-assesses, shows progress, then the new assessment', async () => {
      const refresh = deferred<Assessment>();
      const { api } = renderContent(buildAssessment({}, new Date()), {
        permission: AuthorizeResult.ALLOW,
        api: { refresh: jest.fn(() => refresh.promise) },
      });
      const button = await screen.findByRole('button', {
        name: 'Refresh assessment',
      });
      expect(
        screen.getByLabelText('Maturity level L2 Automated'),
      ).toBeInTheDocument();
      await waitFor(() => expect(api.getHistory).toHaveBeenCalledTimes(1));

      await userEvent.click(button);
      expect(api.refresh).toHaveBeenCalledWith(FRAUD_SCORER_REF);
      const busy = screen.getByRole('button', { name: 'Refreshing…' });
      expect(busy).toBeDisabled();
      expect(busy).toHaveAttribute('aria-busy', 'true');
      expect(
        within(busy).getByRole('progressbar', { hidden: true }),
      ).toBeInTheDocument();

      refresh.resolve(
        buildAssessment(
          {
            level: 3,
            verifiedLevel: 2,
            meetsTarget: true,
            nextLevel: { level: 4, blockers: [], effort: '2–3 months' },
          },
          new Date(),
        ),
      );
      expect(
        await screen.findByLabelText('Maturity level L3 Monitored'),
      ).toBeInTheDocument();
      expect(
        screen.getByLabelText('Verified level L2 Automated'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('Target L3 Monitored: meets its target'),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'Refresh assessment' }),
      ).toBeEnabled();
      // The history is reloaded, as the refresh may have added a row.
      await waitFor(() => expect(api.getHistory).toHaveBeenCalledTimes(2));
    });

    it('shows an error when the refresh fails and keeps the assessment', async () => {
      renderContent(buildAssessment({}, new Date()), {
        permission: AuthorizeResult.ALLOW,
        api: {
          refresh: jest.fn(async () => {
            throw await responseError(500, 'Error', 'MLflow instance is down');
          }),
        },
      });
      await userEvent.click(
        await screen.findByRole('button', { name: 'Refresh assessment' }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'The refresh failed: MLflow instance is down',
      );
      expect(
        screen.getByLabelText('Maturity level L2 Automated'),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'Refresh assessment' }),
      ).toBeEnabled();
    });

    it('offers a first assessment of a service that has none', async () => {
      const { api } = renderContent(
        await responseError(404, 'NotFoundError', 'No assessment'),
        {
          permission: AuthorizeResult.ALLOW,
          api: {
            refresh: jest.fn(async () => buildAssessment({}, new Date())),
          },
        },
      );
      await userEvent.click(
        await screen.findByRole('button', { name: 'Assess now' }),
      );
      expect(api.refresh).toHaveBeenCalledWith(FRAUD_SCORER_REF);
      expect(
        await screen.findByLabelText('Maturity level L2 Automated'),
      ).toBeInTheDocument();
      expect(screen.queryByText('Not assessed yet')).not.toBeInTheDocument();
    });
  });
});

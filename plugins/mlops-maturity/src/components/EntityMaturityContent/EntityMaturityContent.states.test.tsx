import { screen } from '@testing-library/react';
import { NotFoundError } from '@backstage/errors';
import type { Assessment } from '@mlops-maturity/plugin-mlops-maturity-common';
import { responseError } from '../../__testUtils__/assessments';
import {
  renderContent,
  setUpEntityMaturityContentTests,
} from './__testUtils__/renderContent';

setUpEntityMaturityContentTests();

describe('EntityMaturityContent', () => {
  describe('states', () => {
    it('shows progress while loading', async () => {
      renderContent(new Promise<Assessment>(() => {}));
      expect(await screen.findByTestId('progress')).toBeInTheDocument();
      expect(
        screen.queryByRole('region', { name: 'Maturity level' }),
      ).not.toBeInTheDocument();
    });

    it('explains a 404 from the backend as not assessed', async () => {
      renderContent(
        await responseError(
          404,
          'NotFoundError',
          'No assessment of component:default/fraud-scorer',
        ),
      );
      expect(await screen.findByText('Not assessed yet')).toBeInTheDocument();
      expect(
        screen.getByText(/not\s+selected as an ML service/),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/first assessment has not run yet/),
      ).toBeInTheDocument();
      expect(screen.getByText('ml-service')).toBeInTheDocument();
      expect(screen.queryByRole('button')).not.toBeInTheDocument();
    });

    it('treats a NotFoundError as not assessed too', async () => {
      renderContent(new NotFoundError('none'));
      expect(await screen.findByText('Not assessed yet')).toBeInTheDocument();
    });

    it('shows other errors in an error panel', async () => {
      renderContent(await responseError(500, 'Error', 'database unavailable'));
      expect(
        await screen.findByText(/Could not load the MLOps maturity assessment/),
      ).toBeInTheDocument();
      expect(screen.getByText(/database unavailable/)).toBeInTheDocument();
      expect(screen.queryByText('Not assessed yet')).not.toBeInTheDocument();
    });
  });
});

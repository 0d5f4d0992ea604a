import { screen, within } from '@testing-library/react';
import { buildAssessment } from '../../__testUtils__/assessments';
import {
  renderContent,
  setUpEntityMaturityContentTests,
} from './__testUtils__/renderContent';

setUpEntityMaturityContentTests();

describe('EntityMaturityContent', () => {
  describe('with an assessment', () => {
    it('warns about skipped foundations only when flagged', async () => {
      renderContent(buildAssessment({ skippedFoundations: true }, new Date()));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Skipped foundations');
      expect(alert).toHaveTextContent('move one level at a time');
    });

    it('does not warn when foundations are not skipped', async () => {
      renderContent(buildAssessment({}, new Date()));
      await screen.findByRole('region', { name: 'Maturity level' });
      expect(screen.queryByText('Skipped foundations')).not.toBeInTheDocument();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('lists annotation problems', async () => {
      renderContent(
        buildAssessment(
          {
            problems: [
              {
                annotation: 'mlops-maturity.io/target-level',
                message: "'7' is not a level from 0 to 4.",
              },
              {
                annotation: 'mlops-maturity.io/retrain-cadence',
                message: "Unknown retrain cadence 'sometimes'.",
              },
            ],
          },
          new Date(),
        ),
      );
      const problems = await screen.findByRole('region', {
        name: 'Annotation problems',
      });
      const items = within(problems).getAllByRole('listitem');
      expect(items.map(i => i.textContent)).toEqual([
        "mlops-maturity.io/target-level: '7' is not a level from 0 to 4.",
        "mlops-maturity.io/retrain-cadence: Unknown retrain cadence 'sometimes'.",
      ]);
    });

    it('has no problems section without problems', async () => {
      renderContent(buildAssessment({ problems: [] }, new Date()));
      await screen.findByRole('region', { name: 'Maturity level' });
      expect(
        screen.queryByRole('heading', { name: 'Annotation problems' }),
      ).not.toBeInTheDocument();
    });
  });
});

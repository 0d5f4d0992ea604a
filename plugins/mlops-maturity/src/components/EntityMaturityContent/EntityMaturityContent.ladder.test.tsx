import { screen, within } from '@testing-library/react';
import {
  buildAssessment,
  FRAUD_SCORER_REF,
} from '../../__testUtils__/assessments';
import {
  renderContent,
  setUpEntityMaturityContentTests,
} from './__testUtils__/renderContent';

setUpEntityMaturityContentTests();

describe('EntityMaturityContent', () => {
  describe('with an assessment', () => {
    it('shows the level, verified level and target on the ladder', async () => {
      const { api } = renderContent(buildAssessment({}, new Date()));

      const level = await screen.findByRole('region', {
        name: 'Maturity level',
      });
      expect(api.getAssessment).toHaveBeenCalledWith(FRAUD_SCORER_REF);
      expect(
        within(level).getByLabelText('Maturity level L2 Automated'),
      ).toBeInTheDocument();
      expect(
        within(level).getByLabelText('Verified level L0 Manual'),
      ).toBeInTheDocument();
      expect(
        within(level).getByText('Target L3 Monitored: below its target'),
      ).toBeInTheDocument();
      expect(
        within(level).getByText(/group:default\/fraud-ml runs 4 ML services/),
      ).toBeInTheDocument();

      const ladder = within(level).getByRole('list', {
        name: 'Maturity ladder',
      });
      const steps = within(ladder).getAllByRole('listitem');
      expect(steps.map(step => step.textContent)).toEqual([
        'L0 ManualVerified',
        'L1 Scripted',
        'L2 AutomatedCurrent',
        'L3 MonitoredTarget',
        'L4 Optimized',
      ]);
      expect(steps[2]).toHaveAttribute('aria-current', 'step');
      expect(steps.filter(s => s.hasAttribute('aria-current'))).toHaveLength(1);
    });

    it('says when the target is met', async () => {
      renderContent(
        buildAssessment(
          {
            level: 3,
            verifiedLevel: 3,
            targetLevel: 3,
            meetsTarget: true,
          },
          new Date(),
        ),
      );
      expect(
        await screen.findByText('Target L3 Monitored: meets its target'),
      ).toBeInTheDocument();
      expect(
        screen.queryByLabelText(/^Verified level/),
      ).not.toBeInTheDocument();
    });
  });
});

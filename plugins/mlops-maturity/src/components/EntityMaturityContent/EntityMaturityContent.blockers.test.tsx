import { screen, within } from '@testing-library/react';
import { buildAssessment } from '../../__testUtils__/assessments';
import {
  renderContent,
  setUpEntityMaturityContentTests,
} from './__testUtils__/renderContent';

setUpEntityMaturityContentTests();

describe('EntityMaturityContent', () => {
  describe('with an assessment', () => {
    it("lists the next level's blockers with guidance and effort", async () => {
      renderContent(buildAssessment({}, new Date()));
      const next = await screen.findByRole('region', { name: 'Next level' });
      expect(next).toHaveTextContent(
        'To reach L3 Monitored, 3 checks must count.',
      );
      expect(next).toHaveTextContent(
        'Estimated effort, from the framework: 4–8 weeks',
      );
      const blockers = within(next).getAllByRole('heading', { level: 3 });
      expect(blockers.map(b => b.textContent)).toEqual([
        'Data and prediction drift are measured',
        'Quality beside business metrics',
        'New models roll out to a share of traffic',
      ]);
      const drift = blockers[0].closest('li')!;
      expect(within(drift).getByText('Unknown')).toBeInTheDocument();
      expect(
        within(drift).getByText(
          'Evidently answered 503 and there is no earlier pass to keep.',
        ),
      ).toBeInTheDocument();
      expect(drift).toHaveTextContent(
        'How to move up: Add data and prediction drift monitoring (Evidently is a good start, or NannyML); annotate it with evidentlyai.com/project-id.',
      );
    });

    it('says when the highest level is reached', async () => {
      renderContent(
        buildAssessment(
          { level: 4, verifiedLevel: 4, targetLevel: 4, nextLevel: undefined },
          new Date(),
        ),
      );
      const next = await screen.findByRole('region', { name: 'Next level' });
      expect(next).toHaveTextContent('This service is at the highest level');
    });
  });
});

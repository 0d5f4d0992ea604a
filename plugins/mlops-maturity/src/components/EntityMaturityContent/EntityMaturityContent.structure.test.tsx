import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { buildAssessment } from '../../__testUtils__/assessments';
import {
  renderContent,
  setUpEntityMaturityContentTests,
} from './__testUtils__/renderContent';

setUpEntityMaturityContentTests();

describe('EntityMaturityContent', () => {
  describe('with an assessment', () => {
    it('is keyboard reachable: the refresh button, the history table and the evidence links take focus', async () => {
      renderContent(buildAssessment({}, new Date()), {
        permission: AuthorizeResult.ALLOW,
      });
      const button = await screen.findByRole('button', {
        name: 'Refresh assessment',
      });
      await userEvent.tab();
      expect(button).toHaveFocus();
      const focused: string[] = [];
      for (let i = 0; i < 40; i++) {
        await userEvent.tab();
        const el = document.activeElement as HTMLElement;
        if (el === document.body || el === button) break;
        focused.push(el.textContent ?? '');
      }
      expect(focused).toEqual(
        expect.arrayContaining([
          'Show the history as a table',
          expect.stringMatching(/^src\/train\.py/),
          expect.stringMatching(/^MLflow model version 12/),
          expect.stringMatching(/^MLflow registered model fraud-scorer/),
        ]),
      );
    });

    it('structures the page with h2 sections', async () => {
      renderContent(buildAssessment({}, new Date()));
      await screen.findByRole('region', { name: 'Maturity level' });
      expect(
        screen.getAllByRole('heading', { level: 2 }).map(h => h.textContent),
      ).toEqual(['Maturity level', 'Next level', 'History', 'Checks']);
    });
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import {
  buildAssessment,
  FRAUD_SCORER_REF,
  responseError,
} from '../../__testUtils__/assessments';
import {
  renderContent,
  setUpEntityMaturityContentTests,
} from './__testUtils__/renderContent';

setUpEntityMaturityContentTests();

describe('EntityMaturityContent', () => {
  describe('history', () => {
    it('draws level and verified level as step lines with a text summary', async () => {
      const { api } = renderContent(buildAssessment({}, new Date()));
      const history = await screen.findByRole('region', { name: 'History' });
      const figure = await within(history).findByRole('figure');
      expect(api.getHistory).toHaveBeenCalledWith(FRAUD_SCORER_REF);

      const summary =
        /the level rose from L0 Manual to L2 Automated and the verified level stayed at L0 Manual \(3 recorded changes\)/;
      expect(within(figure).getByText(summary)).toBeInTheDocument();
      expect(within(figure).getByRole('img')).toHaveAccessibleName(summary);

      await waitFor(() =>
        expect(figure.querySelectorAll('.recharts-line')).toHaveLength(3),
      );
      expect(
        Array.from(
          figure.querySelectorAll('.recharts-legend-item-text'),
          item => item.textContent,
        ),
      ).toEqual(['Level', 'Verified level', 'Target']);
      // Step lines: every segment of the level line is horizontal or vertical.
      const levelPath = figure
        .querySelector('.recharts-line-curve')!
        .getAttribute('d')!;
      expect(levelPath).toMatch(/^M[\d.,]+(L[\d.,]+)+$/);

      const table = within(figure).getByRole('table', {
        name: 'Maturity history, oldest first',
      });
      const rows = within(table).getAllByRole('row').slice(1);
      expect(rows).toHaveLength(3);
      expect(rows[1]).toHaveTextContent('training-script: not-declared → pass');
    });

    it('says when there is no history yet', async () => {
      renderContent(buildAssessment({}, new Date()), {
        api: { getHistory: jest.fn(async () => []) },
      });
      const history = await screen.findByRole('region', { name: 'History' });
      // The current assessment is the only point.
      expect(
        await within(history).findByText(
          /^On \d{4}-\d{2}-\d{2} the level was L2 Automated and the verified level L0 Manual \(0 recorded changes\)\.$/,
        ),
      ).toBeInTheDocument();
    });

    it('shows an error in place of the chart when the history fails', async () => {
      renderContent(buildAssessment({}, new Date()), {
        api: {
          getHistory: jest.fn(async () => {
            throw await responseError(500, 'Error', 'history table is locked');
          }),
        },
      });
      const history = await screen.findByRole('region', { name: 'History' });
      expect(await within(history).findByRole('alert')).toHaveTextContent(
        'The history could not be loaded: history table is locked',
      );
      // The rest of the tab still works.
      expect(
        screen.getByRole('region', { name: 'Checks' }),
      ).toBeInTheDocument();
    });
  });
});

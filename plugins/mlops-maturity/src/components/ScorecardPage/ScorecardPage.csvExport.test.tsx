import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AssessmentPage } from '@mlops-maturity/plugin-mlops-maturity-common';
import { responseError } from '../../__testUtils__/assessments';
import {
  mockApi,
  renderPage,
  setUpScorecardPageTests,
  summary,
} from './__testUtils__/scorecardPage';

setUpScorecardPageTests();

describe('ScorecardPage', () => {
  it('exports every filtered service as CSV, a page of 500 at a time', async () => {
    const pages: Record<string, AssessmentPage> = {
      start: {
        items: Array.from({ length: 500 }, (_, i) => summary(i)),
        nextCursor: 'p2',
        total: 1003,
      },
      p2: {
        items: Array.from({ length: 500 }, (_, i) => summary(500 + i)),
        nextCursor: 'p3',
        total: 1003,
      },
      p3: {
        items: [
          summary(1000),
          summary(1001),
          summary(1002, { title: '=1+1, "quoted"' }),
        ],
        total: 1003,
      },
    };
    const api = mockApi();
    renderPage(api, '?level=2');
    await screen.findByRole('link', { name: 'Fraud scorer' });
    api.listAssessments.mockClear();

    api.listAssessments.mockImplementation(async (_filter, page) => {
      if (page?.limit !== 500)
        throw new Error(`Unexpected page ${JSON.stringify(page)}`);
      return pages[page.cursor ?? 'start'];
    });
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:mlops-maturity-export';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const downloads: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordClick(this: HTMLAnchorElement) {
        downloads.push(this.download);
      });

    try {
      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      expect(
        await screen.findByText('Exported 1,003 services.'),
      ).toBeInTheDocument();
      expect(api.listAssessments.mock.calls).toEqual([
        [{ level: 2 }, { limit: 500, cursor: undefined }],
        [{ level: 2 }, { limit: 500, cursor: 'p2' }],
        [{ level: 2 }, { limit: 500, cursor: 'p3' }],
      ]);
      expect(createObjectURL).toHaveBeenCalledTimes(1);
      expect(downloads).toEqual([
        expect.stringMatching(/^mlops-maturity-\d{4}-\d{2}-\d{2}\.csv$/),
      ]);
      const text = new TextDecoder().decode(await blobs[0].arrayBuffer());
      const lines = text.split('\r\n');
      expect(lines[0]).toBe(
        'entityRef,title,owner,system,domain,lifecycle,level,verifiedLevel,targetLevel,meetsTarget,assessedAt,waivedChecks',
      );
      // Header, 1003 rows and the final line break.
      expect(lines).toHaveLength(1005);
      expect(lines[1]).toMatch(/^component:default\/model-0,Model 0,/);
      expect(lines[1003]).toBe(
        `component:default/model-1002,"'=1+1, ""quoted""",group:default/fraud-ml,system:default/payments,domain:default/finance,production,2,2,2,true,2026-03-20T12:00:00.000Z,`,
      );
    } finally {
      click.mockRestore();
    }
  });

  it('shows the progress of an export and a failure', async () => {
    const api = mockApi();
    renderPage(api);
    await screen.findByRole('link', { name: 'Fraud scorer' });

    let failSecondPage: (e: Error) => void = () => {};
    api.listAssessments.mockImplementation(async (_filter, page) => {
      if (!page?.cursor) {
        return {
          items: Array.from({ length: 500 }, (_, i) => summary(i)),
          nextCursor: 'p2',
          total: 2000,
        };
      }
      return new Promise((_resolve, reject) => {
        failSecondPage = reject;
      });
    });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(
      await screen.findByText('Exporting 500 of 2,000 services…'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Export progress' }),
    ).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();

    failSecondPage(await responseError(500, 'Error', 'database is down'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /The export failed: .*database is down/,
    );
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
  });
});

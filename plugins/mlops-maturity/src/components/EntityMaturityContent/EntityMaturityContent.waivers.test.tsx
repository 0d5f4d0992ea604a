import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Assessment,
  HistoryItem,
  mlopsMaturityAssessmentRefreshPermission,
  mlopsMaturityWaiverCreatePermission,
  Waiver,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import {
  buildAssessment,
  buildHistory,
  FRAUD_SCORER_REF,
  responseError,
} from '../../__testUtils__/assessments';
import {
  checkItem,
  renderContent,
  setUpEntityMaturityContentTests,
} from './__testUtils__/renderContent';
import { utcDay } from './WaiverDialog';

setUpEntityMaturityContentTests();

const WAIVER: Waiver = {
  id: '7',
  entityRef: FRAUD_SCORER_REF,
  checkId: 'quality-dashboard',
  reason: 'Batch scoring only',
  author: 'user:default/olu',
  createdAt: '2026-03-19T12:00:00.000Z',
  expiresAt: '2026-06-17T00:00:00.000Z',
};

/** The fixture after the quality dashboard was waived. */
function waivedAssessment(): Assessment {
  const base = buildAssessment({}, new Date());
  return {
    ...base,
    level: 3,
    waivedChecks: 1,
    waivers: [WAIVER],
    checks: base.checks.map(c =>
      c.id === 'quality-dashboard'
        ? {
            ...c,
            status: 'waived',
            waivedStatus: 'not-declared',
            counts: true,
            message: `Waived by ${WAIVER.author}`,
          }
        : c,
    ),
  };
}

const waiverPermissions = (
  waiver: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) => ({
  [mlopsMaturityAssessmentRefreshPermission.name]: AuthorizeResult.ALLOW,
  [mlopsMaturityWaiverCreatePermission.name]: waiver,
});

describe('EntityMaturityContent waivers', () => {
  it('offers no "Waive" to a user the policy denies, and asks about this entity', async () => {
    const { permissionRequests } = renderContent(
      buildAssessment({}, new Date()),
      { permissions: waiverPermissions(AuthorizeResult.DENY) },
    );
    // The refresh permission is allowed: its button shows that decisions have rendered.
    await screen.findByRole('button', { name: 'Refresh assessment' });
    expect(permissionRequests).toContainEqual({
      permission: mlopsMaturityWaiverCreatePermission,
      resourceRef: FRAUD_SCORER_REF,
    });
    expect(
      screen.queryByRole('button', { name: /^Waive/ }),
    ).not.toBeInTheDocument();
  });

  it('offers "Waive" only on checks that do not count', async () => {
    renderContent(buildAssessment({}, new Date()), {
      permissions: waiverPermissions(AuthorizeResult.ALLOW),
    });
    await screen.findByRole('button', {
      name: 'Waive Quality beside business metrics',
    });
    const offered = screen
      .getAllByRole('button', { name: /^Waive / })
      .map(b => b.getAttribute('aria-label'));
    // Passing and declared (counting) checks are not offered.
    expect(offered).not.toContain('Waive Training is a script');
    expect(offered).not.toContain('Waive Serving logs and error alerts');
    expect(offered).toContain('Waive Better models are promoted automatically');
  });

  it('grants a waiver with a reason and an expiry, then shows the re-assessed level and the waiver', async () => {
    const createWaiver = jest.fn(async () => WAIVER);
    const getAssessment = jest
      .fn<Promise<Assessment>, [string]>()
      .mockResolvedValueOnce(buildAssessment({}, new Date()))
      .mockResolvedValue(waivedAssessment());
    const { api } = renderContent(buildAssessment({}, new Date()), {
      permissions: waiverPermissions(AuthorizeResult.ALLOW),
      api: { createWaiver, getAssessment },
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Waive Quality beside business metrics',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: /Waive “Quality beside business metrics”/,
    });
    const expiry = within(dialog).getByLabelText(/Expires on/);
    expect(expiry).toHaveValue(utcDay(new Date(), 90));
    expect(expiry).toHaveAttribute('max', utcDay(new Date(), 365));
    const submit = within(dialog).getByRole('button', { name: 'Waive' });
    expect(submit).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      WAIVER.reason,
    );
    await userEvent.click(submit);

    await waitFor(() =>
      expect(createWaiver).toHaveBeenCalledWith(FRAUD_SCORER_REF, {
        checkId: 'quality-dashboard',
        reason: WAIVER.reason,
        expiresAt: `${utcDay(new Date(), 90)}T00:00:00.000Z`,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const item = checkItem('Quality beside business metrics');
    expect(
      await within(item).findByText('Waived', { selector: 'span' }),
    ).toBeInTheDocument();
    expect(item).toHaveTextContent(
      `Waiver: ${WAIVER.reason} — granted by user:default/olu, expires 2026-06-17`,
    );
    expect(
      within(item).getByRole('button', {
        name: 'Revoke the waiver of Quality beside business metrics',
      }),
    ).toBeInTheDocument();
    expect(api.getAssessment).toHaveBeenCalledTimes(2);
    // The history is read again after the change.
    await waitFor(() => expect(api.getHistory).toHaveBeenCalledTimes(2));
  });

  it('keeps the dialog open with the reason the backend refused a waiver', async () => {
    const refused = await responseError(
      400,
      'InputError',
      'expiresAt 2026-01-01T00:00:00.000Z is not in the future',
    );
    renderContent(buildAssessment({}, new Date()), {
      permissions: waiverPermissions(AuthorizeResult.ALLOW),
      api: { createWaiver: jest.fn(async () => Promise.reject(refused)) },
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Waive Quality beside business metrics',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'n/a',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Waive' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /The waiver was not granted: .*not in the future/,
    );
  });

  it('revokes a waiver and shows the re-assessed check', async () => {
    const revokeWaiver = jest.fn(async () => ({
      ...WAIVER,
      revokedAt: new Date().toISOString(),
      revokedBy: 'user:default/olu',
    }));
    const getAssessment = jest
      .fn<Promise<Assessment>, [string]>()
      .mockResolvedValueOnce(waivedAssessment())
      .mockResolvedValue(buildAssessment({}, new Date()));
    renderContent(waivedAssessment(), {
      permissions: waiverPermissions(AuthorizeResult.ALLOW),
      api: { revokeWaiver, getAssessment },
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Revoke the waiver of Quality beside business metrics',
      }),
    );
    expect(revokeWaiver).toHaveBeenCalledWith(FRAUD_SCORER_REF, '7');
    await waitFor(() =>
      expect(
        within(checkItem('Quality beside business metrics')).queryByText(
          /^Waiver:/,
        ),
      ).not.toBeInTheDocument(),
    );
    expect(
      within(checkItem('Quality beside business metrics')).getByRole('button', {
        name: 'Waive Quality beside business metrics',
      }),
    ).toBeInTheDocument();
  });

  it('shows a waiver without "Revoke" to those who may not waive', async () => {
    renderContent(waivedAssessment(), {
      permissions: waiverPermissions(AuthorizeResult.DENY),
    });
    await screen.findByRole('button', { name: 'Refresh assessment' });
    const item = checkItem('Quality beside business metrics');
    expect(item).toHaveTextContent(`Waiver: ${WAIVER.reason}`);
    expect(within(item).queryByRole('button')).not.toBeInTheDocument();
  });

  it('lists who granted, revoked and let expire which waiver in the history, apart from the chart', async () => {
    const history: HistoryItem[] = [
      ...buildHistory(new Date()),
      {
        kind: 'waiver',
        at: WAIVER.createdAt,
        action: 'granted',
        actor: WAIVER.author,
        waiver: WAIVER,
      },
      {
        kind: 'waiver',
        at: '2026-03-20T08:00:00.000Z',
        action: 'revoked',
        actor: 'user:default/sam',
        waiver: WAIVER,
      },
    ];
    renderContent(buildAssessment({}, new Date()), {
      api: { getHistory: jest.fn(async () => history) },
    });
    const section = await screen.findByRole('region', { name: 'Waivers' });
    const items = within(section).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      expect.stringMatching(
        /waiver of quality-dashboard revoked by user:default\/sam$/,
      ),
      expect.stringMatching(
        /waiver of quality-dashboard granted by user:default\/olu until 2026-06-17: Batch scoring/,
      ),
    ]);
  });
});

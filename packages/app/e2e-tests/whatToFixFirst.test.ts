import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { guestHeaders, signIn } from './support';

const SHOTS = 'artifacts/e2e';

interface Leverage {
  checks: Array<{ checkId: string; lifts: number; reachesTarget: number }>;
  oneCheckFromTarget: Array<{ entityRef: string; title?: string }>;
  oneCheckFromTargetTotal: number;
}

/** The services table of the page: the one with a "Details" column. */
function servicesTable(page: Page): Locator {
  return page.locator('table', {
    has: page.getByRole('columnheader', { name: 'Details' }),
  });
}

/** The service names the services table shows. */
async function listedServices(page: Page): Promise<string[]> {
  // The first link of each row is the service's page.
  const names = await servicesTable(page)
    .locator('tbody tr')
    .evaluateAll(rows =>
      rows.map(r => r.querySelector('a')?.textContent?.trim() ?? ''),
    );
  return names.sort();
}

test.describe('what to fix first', () => {
  test.setTimeout(300_000);

  test('ranks the checks and the services one check from target, and its links open exactly those services', async ({
    page,
    request,
  }) => {
    const headers = await guestHeaders(request);
    await signIn(page);
    await page.goto('/mlops-maturity');
    const section = page.getByRole('region', { name: 'What to fix first' });
    const checks = section.getByRole('table', {
      name: 'Checks that lift services',
    });
    // The first assessment runs a few seconds after start; each attempt gives the page time.
    await expect(async () => {
      await page.reload();
      await expect(checks).toBeVisible({ timeout: 30_000 });
    }).toPass({ timeout: 150_000 });

    // The section shows the API's answer for the guest.
    const leverage: Leverage = await (
      await request.get('/api/mlops-maturity/v1/scorecard/leverage?limit=10', {
        headers,
      })
    ).json();
    expect(leverage.checks.length).toBeGreaterThan(0);
    const rows = checks.locator('tbody tr');
    await expect(rows).toHaveCount(leverage.checks.length);
    for (const [i, check] of leverage.checks.entries()) {
      await expect(rows.nth(i).locator('td').first()).toHaveText(
        `${check.lifts} service${check.lifts === 1 ? '' : 's'}`,
      );
    }
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `${SHOTS}/what-to-fix-first.png` });
    const axe = await new AxeBuilder({ page })
      .include('section[aria-label="What to fix first"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(axe.violations.map(v => `${v.id}: ${v.help}`)).toEqual([]);

    // The top check's link: the list shows exactly the services it alone keeps from their
    // next level.
    const top = leverage.checks[0];
    const lifted = (
      (
        await (
          await request.get(
            `/api/mlops-maturity/v1/entities?lastBlocker=${top.checkId}&limit=500`,
            { headers },
          )
        ).json()
      ).items as Array<{ entityRef: string; title?: string }>
    )
      .map(i => i.title ?? i.entityRef.split('/')[1])
      .sort();
    expect(lifted).toHaveLength(top.lifts);
    await rows.first().locator('td').first().getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`lastBlocker=${top.checkId}`));
    await expect(
      page.getByText(/^Showing the services that fixing .* alone lifts/),
    ).toBeVisible();
    await expect(servicesTable(page).locator('tbody tr')).toHaveCount(
      Math.min(top.lifts, 25),
    );
    // The table's loading and empty states are rows too: wait for the services themselves.
    if (top.lifts <= 25) {
      await expect.poll(() => listedServices(page)).toEqual(lifted);
    }

    // The services one check from their target: the link lists exactly those the section names.
    if (leverage.oneCheckFromTargetTotal > 0) {
      const named = (
        await section
          .getByRole('table', { name: 'Services one check from their target' })
          .locator('tbody tr th')
          .allTextContents()
      )
        .map(n => n.trim())
        .sort();
      expect(named).toHaveLength(leverage.oneCheckFromTarget.length);
      await section
        .getByRole('link', { name: /^List the \d+ services? one check/ })
        .click();
      await expect(page).toHaveURL(/oneCheckFromTarget=true/);
      await expect(page).not.toHaveURL(/lastBlocker=/);
      await expect(
        page.getByText('Showing the services one check from their target.'),
      ).toBeVisible();
      await expect(servicesTable(page).locator('tbody tr')).toHaveCount(
        Math.min(leverage.oneCheckFromTargetTotal, 25),
      );
      if (leverage.oneCheckFromTargetTotal <= 10) {
        await expect.poll(() => listedServices(page)).toEqual(named);
      }
    }
    await page.screenshot({
      path: `${SHOTS}/what-to-fix-first-list.png`,
      fullPage: true,
    });

    // "Show all services" brings the whole list back.
    await page.getByRole('button', { name: 'Show all services' }).click();
    await expect(page).not.toHaveURL(/oneCheckFromTarget|lastBlocker/);
  });

  test('the trend starts at the first recorded assessment, not with a line of zeros', async ({
    page,
    request,
  }) => {
    const headers = await guestHeaders(request);
    // The demo's services were first assessed when the backend started: the trend's first
    // point already counts them.
    await expect(async () => {
      const { points } = await (
        await request.get('/api/mlops-maturity/v1/scorecard/trend', { headers })
      ).json();
      expect(points.length).toBeGreaterThan(1);
      expect(points[0].total).toBeGreaterThan(0);
    }).toPass({ timeout: 150_000 });

    await signIn(page);
    await page.goto('/mlops-maturity');
    const chart = page.getByRole('img', { name: /^Services per level from/ });
    await expect(chart).toBeVisible({ timeout: 60_000 });
    // It spans minutes, not 90 days: its moments read as times.
    await expect(chart).toHaveAttribute(
      'aria-label',
      /^Services per level from \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/,
    );
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({
      path: `${SHOTS}/trend-from-first-assessment.png`,
    });
  });
});

import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { guestHeaders, signIn } from '../e2e-tests/support';

const COUNT = Number(process.env.MLOPS_BENCH_UI_COUNT ?? 10_000);
const RUNS = 5;

test(`the scorecard page with ${COUNT} assessed services becomes interactive quickly`, async ({
  page,
  request,
}) => {
  test.setTimeout(30 * 60_000);
  const headers = await guestHeaders(request);
  // Wait until the catalog has ingested every service and a run has assessed them all.
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/mlops-maturity/v1/scorecard', {
          headers,
        });
        return res.ok() ? (await res.json()).total : 0;
      },
      { timeout: 25 * 60_000, intervals: [10_000] },
    )
    .toBeGreaterThanOrEqual(COUNT);

  await signIn(page);

  const samples: Array<Record<string, number>> = [];
  for (let i = 0; i < RUNS; i++) {
    // A full page load each time, as a user opening a link: the browser cache is warm (as for
    // anyone who has used the portal before), the API answers are not.
    await page.goto('/catalog');
    const started = Date.now();
    await page.goto('/mlops-maturity');
    await expect(
      page.getByRole('list', { name: 'Services per level' }),
    ).toContainText(`L4 Optimized: ${(COUNT / 5).toLocaleString('en-US')}`);
    const groupBy = page.getByLabel('Group by');
    await expect(groupBy).toBeEnabled();
    await expect(
      page.getByRole('link', { name: /bench-team/ }).first(),
    ).toBeVisible();
    const interactive = Date.now() - started;
    // The first interaction: group by system, until the table shows the systems.
    const clicked = Date.now();
    await groupBy.selectOption('system');
    await expect(
      page.getByRole('link', { name: /bench-system/ }).first(),
    ).toBeVisible();
    const firstInteraction = Date.now() - clicked;
    const nav = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType(
        'navigation',
      ) as PerformanceNavigationTiming[];
      return {
        domContentLoaded: entry.domContentLoadedEventEnd,
        load: entry.loadEventEnd,
      };
    });
    samples.push({ interactive, firstInteraction, ...nav });
  }
  const median = (key: string) =>
    samples.map(s => s[key]).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  const result = {
    services: COUNT,
    runs: RUNS,
    medianInteractiveMs: median('interactive'),
    maxInteractiveMs: Math.max(...samples.map(s => s.interactive)),
    medianFirstInteractionMs: median('firstInteraction'),
    medianDomContentLoadedMs: median('domContentLoaded'),
    samples,
    targetMs: 2000,
  };
  fs.mkdirSync('artifacts/bench', { recursive: true });
  fs.writeFileSync(
    'artifacts/bench/ui.json',
    `${JSON.stringify(result, null, 2)}\n`,
  );
  await page.screenshot({
    path: 'artifacts/bench/ui-scorecard.png',
    fullPage: true,
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  expect(result.maxInteractiveMs).toBeLessThanOrEqual(2000);
});

#!/usr/bin/env node
// The checks of scripts/adopter-test.sh against the adopter's running app: the plugin's
// health route, the first ML service assessed at the README's level, the level label in the
// catalog, and the scorecard page and entity tab in the system's headless Chromium.
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('@playwright/test');
const { chromiumLaunchOptions } = require('./chromium');

const BASE = process.env.MLOPS_ADOPTER_URL ?? 'http://localhost:7107';
const EXPECTED = Number(process.env.MLOPS_ADOPTER_EXPECTED_LEVEL);
const ENTITY = 'component/default/churn-predictor';
const SHOTS = path.resolve(__dirname, '..', 'artifacts', 'adopter');
const LEVEL_LABEL = 'mlops-maturity.io/level';

async function poll(what, seconds, attempt) {
  const until = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < until) {
    last = await attempt();
    if (last.done) return last.value;
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(`${what}: not within ${seconds} s (last: ${last?.why})`);
}

async function main() {
  if (!Number.isInteger(EXPECTED))
    throw new Error('MLOPS_ADOPTER_EXPECTED_LEVEL is not set');

  const health = await fetch(`${BASE}/api/mlops-maturity/health`);
  if (health.status !== 200)
    throw new Error(`health answered ${health.status}`);
  console.log('ok   GET /api/mlops-maturity/health: 200');

  const anonymous = await fetch(`${BASE}/api/mlops-maturity/v1/entities`);
  if (anonymous.status !== 401) {
    throw new Error(
      `the list route answered ${anonymous.status} without credentials`,
    );
  }
  console.log(
    'ok   GET /api/mlops-maturity/v1/entities without credentials: 401',
  );

  const auth = await fetch(`${BASE}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (auth.status !== 200)
    throw new Error(`guest sign-in answered ${auth.status}`);
  const headers = {
    Authorization: `Bearer ${(await auth.json()).backstageIdentity.token}`,
  };

  // The catalog ingests the service within seconds; refresh then assesses it at once, as the
  // tab's Refresh button does.
  await poll('the service is assessed on refresh', 180, async () => {
    const res = await fetch(
      `${BASE}/api/mlops-maturity/v1/entities/${ENTITY}/refresh`,
      {
        method: 'POST',
        headers,
      },
    );
    return { done: res.status === 200, why: `refresh answered ${res.status}` };
  });
  const assessment = await (
    await fetch(`${BASE}/api/mlops-maturity/v1/entities/${ENTITY}`, { headers })
  ).json();
  if (assessment.level !== EXPECTED) {
    throw new Error(
      `churn-predictor is at level ${
        assessment.level
      }, the README promises ${EXPECTED}: ${JSON.stringify(
        assessment.checks?.map(c => `${c.id}=${c.status}`),
      )}`,
    );
  }
  console.log(
    `ok   churn-predictor: level ${assessment.level} (verified ${assessment.verifiedLevel}, target ${assessment.targetLevel})`,
  );

  const label = await poll('the catalog label', 240, async () => {
    const res = await fetch(`${BASE}/api/catalog/entities/by-name/${ENTITY}`, {
      headers,
    });
    const entity = res.ok ? await res.json() : undefined;
    const value = entity?.metadata?.labels?.[LEVEL_LABEL];
    return {
      done: value === String(EXPECTED),
      value,
      why: `label is ${value}`,
    };
  });
  console.log(`ok   catalog label ${LEVEL_LABEL}: ${label}`);

  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    await page.goto(`${BASE}/`);
    // create-app's sign-in page offers the guest provider: wait for it or for the signed-in nav.
    const enter = page.getByRole('button', { name: 'Enter' });
    const nav = page.getByRole('link', { name: 'MLOps maturity' });
    await enter.or(nav).first().waitFor({ timeout: 60_000 });
    if (await enter.isVisible()) await enter.click();
    await nav.first().waitFor({ timeout: 60_000 });
    console.log(
      'ok   signed in as guest; the sidebar links the scorecard page',
    );

    await page.goto(`${BASE}/mlops-maturity`);
    await page
      .getByRole('heading', { name: 'MLOps maturity', level: 1 })
      .waitFor({ timeout: 60_000 });
    const perLevel = page.getByRole('list', { name: 'Services per level' });
    await perLevel.waitFor({ timeout: 60_000 });
    const counts = await perLevel.innerText();
    const names = ['Manual', 'Scripted', 'Automated', 'Monitored', 'Optimized'];
    if (!counts.includes(`L${EXPECTED} ${names[EXPECTED]}: 1`)) {
      throw new Error(
        `the scorecard page does not count the service at L${EXPECTED}: ${counts}`,
      );
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/scorecard.png`, fullPage: true });
    console.log(
      `ok   the scorecard page counts churn-predictor at L${EXPECTED}`,
    );

    await page.goto(
      `${BASE}/catalog/default/component/churn-predictor/mlops-maturity`,
    );
    await page
      .getByText('Training is a script')
      .first()
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${SHOTS}/entity-tab.png`, fullPage: true });
    console.log('ok   the entity tab lists the checks');
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(`adopter-check: ${error.message}`);
  process.exit(1);
});

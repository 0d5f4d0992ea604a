import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { guestHeaders, signIn } from './support';

const SERVICE = 'e2e-notified-model';
const TITLE = `${SERVICE}: MLOps level 1 → 2`;
const TAB = `/catalog/default/component/${SERVICE}/mlops-maturity`;

/**
 * The service's catalog file, which app-config.e2e.yaml loads from the throw-away folder of
 * scripts/e2e.sh: owned by fraud-ml, the guest's team, declaring the checks of `level`.
 */
function writeService(level: 1 | 2) {
  const dir = process.env.MLOPS_E2E_DATA_DIR;
  if (!dir) {
    throw new Error(
      'MLOPS_E2E_DATA_DIR is not set: run the browser tests with scripts/e2e.sh',
    );
  }
  const levelTwo = [
    "    mlflow.org/registered-model: 'e2e-notified-model'",
    "    airflow.apache.org/dag-id: 'train_e2e_notified_model'",
    "    mlops-maturity.io/quality-gate: '.github/workflows/model-quality.yml'",
  ];
  const file = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${SERVICE}`,
    '  description: A service whose level the notifications test changes',
    '  tags: [ml-service]',
    '  annotations:',
    "    mlops-maturity.io/training-entrypoint: 'src/train.py'",
    "    mlops-maturity.io/deployment-entrypoint: 'deploy.sh'",
    "    mlops-maturity.io/serving-logs: 'https://logs.demo.example/app/e2e'",
    ...(level === 2 ? levelTwo : []),
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: fraud-ml',
    '',
  ].join('\n');
  // Written whole and renamed, so the catalog never reads half a file.
  const target = path.join(dir, 'notified-service.yaml');
  fs.writeFileSync(`${target}.tmp`, file);
  fs.renameSync(`${target}.tmp`, target);
}

test('a level change reaches the owning team in the bell, and links to the MLOps maturity tab', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const headers = await guestHeaders(request);
  const refresh = () =>
    request.post(
      `/api/mlops-maturity/v1/entities/component/default/${SERVICE}/refresh`,
      { headers },
    );

  // The first assessment tells nobody.
  writeService(1);
  await expect
    .poll(
      async () => {
        const res = await refresh();
        return res.ok() ? (await res.json()).level : res.status();
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBe(1);

  // The team adds a registry, a pipeline and a quality gate: level 2, once the catalog has read
  // the file again (or the scheduled run has assessed it first).
  writeService(2);
  await expect
    .poll(
      async () => {
        const entity = await request.get(
          `/api/catalog/entities/by-name/component/default/${SERVICE}`,
          { headers },
        );
        if (!entity.ok()) return false;
        const annotations = (await entity.json()).metadata.annotations;
        return 'airflow.apache.org/dag-id' in annotations;
      },
      { timeout: 90_000, intervals: [1_000] },
    )
    .toBe(true);
  const assessed = await refresh();
  expect(assessed.status()).toBe(200);
  expect(await assessed.json()).toMatchObject({ level: 2 });

  // Exactly one notification for the guest, a member of fraud-ml.
  const mine = async () =>
    (
      (
        await (
          await request.get(
            `/api/notifications/notifications?search=${SERVICE}`,
            { headers },
          )
        ).json()
      ).notifications as Array<{ payload: { title: string; link: string } }>
    ).map(n => n.payload);
  await expect.poll(mine, { timeout: 30_000 }).toHaveLength(1);
  expect(await mine()).toEqual([
    expect.objectContaining({
      title: TITLE,
      link: TAB,
      topic: 'mlops-maturity',
      description: expect.stringContaining('Level L1 Scripted → L2 Automated.'),
    }),
  ]);

  // In the app: the bell counts it, its page lists it, and it links to the tab.
  await signIn(page);
  const bell = page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: /Notifications/ });
  await expect(bell).toBeVisible();
  await expect(page).toHaveTitle(/^\(\d+\) /);
  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  const link = page.getByRole('link', { name: TITLE });
  await expect(link).toBeVisible();
  await expect(
    page.getByText(/Level L1 Scripted → L2 Automated\./),
  ).toBeVisible();
  await page.screenshot({
    path: 'artifacts/e2e/notifications.png',
    fullPage: true,
  });
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${TAB}$`));
  await expect(
    page.getByRole('list', { name: 'Maturity ladder' }),
  ).toContainText('L2 Automated');
});

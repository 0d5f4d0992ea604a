import { expect, test } from '@playwright/test';

test('a guest sees the demo ML services and the MLOps maturity page in the sidebar', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(nav.getByRole('link', { name: 'MLOps maturity' })).toBeVisible();

  await page.goto('/catalog?filters[kind]=component&filters[tags]=ml-service');
  await expect(
    page.getByRole('link', { name: 'fraud-transaction-scorer' }),
  ).toBeVisible();
  await page.screenshot({ path: 'artifacts/e2e/catalog.png', fullPage: true });

  await nav.getByRole('link', { name: 'MLOps maturity' }).click();
  await expect(page).toHaveURL(/\/mlops-maturity$/);
  await expect(
    page.getByRole('heading', { name: 'MLOps maturity', level: 1 }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Distribution by level' }),
  ).toBeVisible();
});

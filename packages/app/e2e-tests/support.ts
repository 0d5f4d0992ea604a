import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** Signs in as the guest and waits for the sidebar. */
export async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'MLOps maturity' }),
  ).toBeVisible();
}

/** The guest's Backstage token, as an Authorization header for API requests. */
export async function guestHeaders(
  request: APIRequestContext,
): Promise<Record<string, string>> {
  const auth = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(auth.status()).toBe(200);
  const token = (await auth.json()).backstageIdentity.token;
  return { Authorization: `Bearer ${token}` };
}

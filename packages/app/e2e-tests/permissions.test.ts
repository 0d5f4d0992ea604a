import { expect, test } from '@playwright/test';
import { guestHeaders } from './support';

const API = '/api/mlops-maturity/v1';

test('the demo policy lets the guest refresh fraud-ml services only', async ({
  request,
}) => {
  const headers = await guestHeaders(request);

  // The catalog ingests the demo files shortly after start; refresh works once it has.
  let own: Awaited<ReturnType<typeof request.post>> | undefined;
  await expect
    .poll(
      async () => {
        own = await request.post(
          `${API}/entities/component/default/fraud-transaction-scorer/refresh`,
          { headers },
        );
        return own.status();
      },
      { timeout: 60_000 },
    )
    .toBe(200);
  expect(await own!.json()).toMatchObject({ level: 4, targetLevel: 4 });

  const other = await request.post(
    `${API}/entities/component/default/pricing-dynamic-fares/refresh`,
    { headers },
  );
  expect(other.status()).toBe(403);

  const anonymous = await request.get(`${API}/scorecard`);
  expect(anonymous.status()).toBe(401);

  const notMl = await request.get(
    `${API}/entities/component/default/checkout-api`,
    { headers },
  );
  expect(notMl.status()).toBe(404);
});

import { expect, test, type APIRequestContext } from '@playwright/test';
import { guestHeaders } from './support';

/** Every item of a catalog query, following cursors with small pages. */
async function catalogRefsAtLevel(
  request: APIRequestContext,
  headers: Record<string, string>,
  level: number,
) {
  const refs: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const params = cursor
      ? `cursor=${encodeURIComponent(cursor)}&limit=2`
      : `filter=metadata.labels.mlops-maturity.io/level=${level}&limit=2&fields=kind,metadata.namespace,metadata.name`;
    const url = `/api/catalog/entities/by-query?${params}`;
    let res = await request.get(url, { headers });
    // The catalog's own call to the permission backend can meet a kept-alive socket the server
    // just closed (ECONNRESET, answered 500): Backstage's, not this plugin's; asked again.
    for (let retry = 0; retry < 2 && res.status() >= 500; retry++) {
      res = await request.get(url, { headers });
    }
    expect(res.status()).toBe(200);
    const body = await res.json();
    for (const e of body.items) {
      refs.push(
        `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase(),
      );
    }
    cursor = body.pageInfo?.nextCursor;
    pages++;
  } while (cursor);
  return { refs: refs.sort(), pages };
}

async function apiRefsAtLevel(
  request: APIRequestContext,
  headers: Record<string, string>,
  level: number,
) {
  const res = await request.get(
    `/api/mlops-maturity/v1/entities?level=${level}&limit=500`,
    { headers },
  );
  expect(res.status()).toBe(200);
  const body = await res.json();
  return (body.items as Array<{ entityRef: string }>)
    .map(i => i.entityRef)
    .sort();
}

test('filtering the catalog by each level returns exactly the services the API reports at it, across pages', async ({
  request,
}) => {
  test.setTimeout(180_000);
  const headers = await guestHeaders(request);

  // The first assessment, the label cache and the catalog's processing run on their own
  // schedules after start; wait until every ML service of the catalog is assessed and the
  // labels agree with the API for every level.
  const levels = [0, 1, 2, 3, 4];
  await expect
    .poll(
      async () => {
        const mlServices = await request.get(
          '/api/catalog/entities/by-query?filter=metadata.tags=ml-service&limit=1',
          { headers },
        );
        const { totalItems } = await mlServices.json();
        const api = await Promise.all(
          levels.map(l => apiRefsAtLevel(request, headers, l)),
        );
        const catalog = await Promise.all(
          levels.map(l => catalogRefsAtLevel(request, headers, l)),
        );
        return (
          totalItems > 0 &&
          api.flat().length === totalItems &&
          levels.every(
            l => JSON.stringify(api[l]) === JSON.stringify(catalog[l].refs),
          )
        );
      },
      { timeout: 150_000, intervals: [2_000] },
    )
    .toBe(true);

  for (const level of levels) {
    const api = await apiRefsAtLevel(request, headers, level);
    const { refs, pages } = await catalogRefsAtLevel(request, headers, level);
    expect(api.length).toBeGreaterThan(0);
    expect(refs).toEqual(api);
    // Pages of two: a level with three or more services spans several pages.
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(api.length / 2));
  }

  // The same label filter through the classic list route, as scripts would use it.
  const level2 = await request.get(
    '/api/catalog/entities?filter=metadata.labels.mlops-maturity.io/level=2&fields=metadata.name',
    { headers },
  );
  expect((await level2.json()).length).toBe(
    (await apiRefsAtLevel(request, headers, 2)).length,
  );
});

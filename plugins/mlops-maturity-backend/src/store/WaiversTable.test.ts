import { ConflictError, NotFoundError } from '@backstage/errors';
import { mlService } from '../__testUtils__/assessments';
import { createStore, databases, storeWrite } from './__testUtils__/testStore';
import { mergeHistory } from '../service/entityHistory';
import { WaiversTable } from './WaiversTable';

jest.setTimeout(60_000);

const t0 = new Date('2026-11-01T12:00:00Z');
const later = (days: number) => new Date(t0.getTime() + days * 86_400_000);
const REF = 'component:default/churn';

const grant = (
  overrides: Partial<Parameters<WaiversTable['create']>[0]> = {},
) => ({
  entityRef: REF,
  checkId: 'ab-testing',
  reason: 'Batch model: no traffic to split',
  author: 'user:default/olu',
  expiresAt: later(90),
  ...overrides,
});

describe.each(databases.eachSupportedId())('WaiversTable on %p', id => {
  async function table() {
    const { knex, store } = await createStore(id);
    return { waivers: new WaiversTable(knex), knex, store };
  }

  it('records a waiver with its author, reason and expiry, and lists it while active', async () => {
    const { waivers } = await table();
    const created = await waivers.create(grant(), t0);
    expect(created).toEqual({
      id: expect.stringMatching(/^\d+$/),
      entityRef: REF,
      checkId: 'ab-testing',
      reason: 'Batch model: no traffic to split',
      author: 'user:default/olu',
      createdAt: t0.toISOString(),
      expiresAt: later(90).toISOString(),
    });
    await waivers.create(
      grant({ entityRef: 'component:default/other', checkId: 'feature-store' }),
      t0,
    );
    const active = await waivers.active(
      [REF, 'component:default/none'],
      later(1),
    );
    expect([...active.keys()]).toEqual([REF]);
    expect(active.get(REF)).toEqual([created]);
  });

  it('refuses a second active waiver of the same check, and allows one of another check', async () => {
    const { waivers } = await table();
    await waivers.create(grant(), t0);
    await expect(
      waivers.create(grant({ author: 'user:default/ada' }), later(1)),
    ).rejects.toThrow(ConflictError);
    await expect(
      waivers.create(grant({ checkId: 'feature-store' }), later(1)),
    ).resolves.toMatchObject({ checkId: 'feature-store' });
  });

  it('stops listing a waiver at its expiry, and lets the check be waived again', async () => {
    const { waivers } = await table();
    const first = await waivers.create(grant({ expiresAt: later(10) }), t0);
    expect((await waivers.active([REF], later(9))).get(REF)).toEqual([first]);
    expect((await waivers.active([REF], later(10))).get(REF)).toBeUndefined();
    const second = await waivers.create(
      grant({ expiresAt: later(40) }),
      later(11),
    );
    expect((await waivers.active([REF], later(12))).get(REF)).toEqual([second]);
  });

  it('revokes an active waiver once, recording who and when', async () => {
    const { waivers } = await table();
    const created = await waivers.create(grant(), t0);
    const revoked = await waivers.revoke(
      { entityRef: REF, id: created.id },
      'user:default/sam',
      later(2),
    );
    expect(revoked).toEqual({
      ...created,
      revokedAt: later(2).toISOString(),
      revokedBy: 'user:default/sam',
    });
    expect((await waivers.active([REF], later(3))).size).toBe(0);
    await expect(
      waivers.revoke(
        { entityRef: REF, id: created.id },
        'user:default/sam',
        later(3),
      ),
    ).rejects.toThrow(ConflictError);
    // Revoked, the check can be waived again.
    await expect(waivers.create(grant(), later(3))).resolves.toBeDefined();
  });

  it('answers NotFoundError for a waiver of another entity or no waiver, and ConflictError for an expired one', async () => {
    const { waivers } = await table();
    const created = await waivers.create(grant({ expiresAt: later(5) }), t0);
    await expect(
      waivers.revoke(
        { entityRef: 'component:default/other', id: created.id },
        'user:default/sam',
        later(1),
      ),
    ).rejects.toThrow(NotFoundError);
    await expect(
      waivers.revoke(
        { entityRef: REF, id: '999999' },
        'user:default/sam',
        later(1),
      ),
    ).rejects.toThrow(NotFoundError);
    await expect(
      waivers.revoke(
        { entityRef: REF, id: created.id },
        'user:default/sam',
        later(6),
      ),
    ).rejects.toThrow('has already expired');
  });

  it('tells the history of grants, revocations and expiries, in time order and within a range', async () => {
    const { waivers } = await table();
    const a = await waivers.create(grant({ expiresAt: later(5) }), t0);
    const b = await waivers.create(
      grant({ checkId: 'feature-store', author: 'user:default/ada' }),
      later(1),
    );
    await waivers.revoke(
      { entityRef: REF, id: b.id },
      'user:default/sam',
      later(3),
    );
    const c = await waivers.create(
      grant({ checkId: 'quality-gate', expiresAt: later(30) }),
      later(4),
    );

    const events = await waivers.history(REF, {}, later(7));
    expect(events.map(e => [e.action, e.at, e.actor, e.waiver.id])).toEqual([
      ['granted', t0.toISOString(), 'user:default/olu', a.id],
      ['granted', later(1).toISOString(), 'user:default/ada', b.id],
      ['revoked', later(3).toISOString(), 'user:default/sam', b.id],
      ['granted', later(4).toISOString(), 'user:default/olu', c.id],
      ['expired', later(5).toISOString(), undefined, a.id],
    ]);
    expect(events[0]).toMatchObject({
      kind: 'waiver',
      waiver: { reason: 'Batch model: no traffic to split' },
    });
    // Before its expiry, an expiry is not history yet.
    expect(
      (await waivers.history(REF, {}, later(4.5))).map(e => e.action),
    ).not.toContain('expired');
    expect(
      (
        await waivers.history(REF, { from: later(2), to: later(4) }, later(7))
      ).map(e => e.action),
    ).toEqual(['revoked', 'granted']);
  });

  it('serves the waiver history through the store, beside the assessment history', async () => {
    const { store } = await table();
    await store.writeAssessments(
      [storeWrite(mlService('churn', { level: 1 }), { now: t0 })],
      t0,
    );
    const created = await store.createWaiver(grant({ expiresAt: later(400) }));
    const history = mergeHistory(
      await store.getHistory(REF, {}),
      await store.getWaiverHistory(REF, {}),
    );
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      assessedAt: t0.toISOString(),
      level: 1,
    });
    expect(history[1]).toMatchObject({
      kind: 'waiver',
      action: 'granted',
      waiver: { id: created.id },
    });
  });
});

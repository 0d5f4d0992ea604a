import knexFactory from 'knex';
import { mlService } from '../__testUtils__/assessments';
import { postgresTestId } from '../__testUtils__/databases';
import { createStore, databases, storeWrite } from './__testUtils__/testStore';
import { NotificationOutbox } from './NotificationOutbox';

jest.setTimeout(60_000);

const t0 = new Date('2026-11-26T12:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const REF = 'component:default/churn';

describe.each(databases.eachSupportedId())('NotificationOutbox on %p', id => {
  /** A store that writes level changes pending, with churn assessed at level 1, then 2. */
  async function levelChanged() {
    const { store, knex } = await createStore(id, { notifyLevelChanges: true });
    const entity = (level: number) => {
      const e = mlService('churn', { level, owner: 'team-a' });
      e.metadata.title = 'Churn predictor';
      return e;
    };
    await store.writeAssessments([storeWrite(entity(1))], t0);
    await store.writeAssessments(
      [storeWrite(entity(2), { now: later(30) })],
      later(30),
    );
    return { store, knex, outbox: store.outbox };
  }

  const states = async (knex: any) =>
    (await knex('mlops_history').orderBy('id').select('notification')).map(
      (r: { notification: string }) => r.notification,
    );

  it('holds a level change pending, with the row before it, the owner, the title and the changed checks', async () => {
    const { knex, outbox } = await levelChanged();
    expect(await states(knex)).toEqual(['none', 'pending']);
    const [change, ...rest] = await outbox.listClaimable({
      now: later(31),
      afterId: 0,
      limit: 10,
    });
    expect(rest).toEqual([]);
    expect(change).toEqual({
      id: expect.any(Number),
      entityRef: REF,
      title: 'Churn predictor',
      owner: 'group:default/team-a',
      from: {
        level: 1,
        verifiedLevel: 0,
        targetLevel: 3,
        rubricVersion: expect.any(String),
      },
      to: {
        level: 2,
        verifiedLevel: 0,
        targetLevel: 3,
        rubricVersion: change.from!.rubricVersion,
      },
      changes: [
        {
          checkId: 'experiment-tracking',
          from: 'not-declared',
          to: 'declared',
        },
        { checkId: 'quality-gate', from: 'not-declared', to: 'declared' },
        { checkId: 'training-pipeline', from: 'not-declared', to: 'declared' },
      ],
    });
    expect(
      await outbox.listClaimable({
        now: later(31),
        afterId: change.id,
        limit: 10,
      }),
    ).toEqual([]);
  });

  it('writes rows that tell nothing as none: a check status alone, a rubric change, and everything when notifications are off', async () => {
    const { store, knex } = await levelChanged();
    // A level-4 check declared: a status changes, no level does.
    const feast = mlService('churn', {
      level: 2,
      owner: 'team-a',
      annotations: { 'feast.dev/feature-service': 'features' },
    });
    feast.metadata.title = 'Churn predictor';
    await store.writeAssessments(
      [storeWrite(feast, { now: later(60) })],
      later(60),
    );
    const rubricChange = storeWrite(mlService('churn', { level: 3 }), {
      now: later(90),
    });
    rubricChange.assessment.rubricVersion = 'another-rubric';
    await store.writeAssessments([rubricChange], later(90));
    expect(await states(knex)).toEqual(['none', 'pending', 'none', 'none']);

    const { store: silent, knex: silentKnex } = await createStore(id);
    await silent.writeAssessments([storeWrite(mlService('churn'))], t0);
    await silent.writeAssessments(
      [storeWrite(mlService('churn', { level: 2 }), { now: later(30) })],
      later(30),
    );
    expect(await states(silentKnex)).toEqual(['none', 'none']);
  });

  it('lets one claim hold a row until it runs out, then another take it over', async () => {
    const { outbox } = await levelChanged();
    const [{ id: row }] = await outbox.listClaimable({
      now: later(31),
      afterId: 0,
      limit: 1,
    });
    expect(await outbox.claim(row, later(31), later(33))).toBe(true);
    expect(await outbox.claim(row, later(32), later(34))).toBe(false);
    expect(
      await outbox.listClaimable({ now: later(32), afterId: 0, limit: 1 }),
    ).toEqual([]);
    // Its holder died: once the claim ran out, the row is another sender's.
    expect(
      await outbox.listClaimable({ now: later(34), afterId: 0, limit: 1 }),
    ).toHaveLength(1);
    expect(await outbox.claim(row, later(34), later(36))).toBe(true);
    await outbox.markSent(row, later(35));
    expect(await outbox.claim(row, later(40), later(42))).toBe(false);
    expect(
      await outbox.listClaimable({ now: later(40), afterId: 0, limit: 1 }),
    ).toEqual([]);
  });

  it('gives a released row back at once, and records when it was sent', async () => {
    const { knex, outbox } = await levelChanged();
    const [{ id: row }] = await outbox.listClaimable({
      now: later(31),
      afterId: 0,
      limit: 1,
    });
    expect(await outbox.claim(row, later(31), later(33))).toBe(true);
    await outbox.release(row);
    expect(await outbox.claim(row, later(31), later(33))).toBe(true);
    await outbox.markSent(row, later(32));
    const sent = await knex('mlops_history').where('id', row).first();
    expect(sent.notification).toBe('sent');
    expect(sent.notification_claimed_until).toBeNull();
    expect(new Date(sent.notified_at).toISOString()).toBe(
      later(32).toISOString(),
    );
    // A release after the send changes nothing.
    await outbox.release(row);
    expect(await states(knex)).toEqual(['none', 'sent']);
  });

  it('expires rows pending since before the cut-off that no claim holds', async () => {
    const { knex, outbox } = await levelChanged();
    expect(await outbox.expire(later(30), later(31))).toBe(0);
    const [{ id: row }] = await outbox.listClaimable({
      now: later(31),
      afterId: 0,
      limit: 1,
    });
    await outbox.claim(row, later(40), later(50));
    expect(await outbox.expire(later(31), later(45))).toBe(0);
    expect(await outbox.expire(later(31), later(51))).toBe(1);
    expect(await states(knex)).toEqual(['none', 'expired']);
    expect(
      await outbox.listClaimable({ now: later(60), afterId: 0, limit: 1 }),
    ).toEqual([]);
  });

  it('lets one of many concurrent claims win', async () => {
    const { knex, outbox } = await levelChanged();
    const [{ id: row }] = await outbox.listClaimable({
      now: later(31),
      afterId: 0,
      limit: 1,
    });
    // On PostgreSQL, separate pools, as replicas have; SQLite has one connection.
    const clients =
      id === postgresTestId
        ? Array.from({ length: 6 }, () => knexFactory(knex.client.config))
        : [];
    try {
      const outboxes =
        clients.length > 0
          ? clients.map(c => new NotificationOutbox(c))
          : Array.from({ length: 6 }, () => outbox);
      const claims = await Promise.all(
        outboxes.map(o => o.claim(row, later(31), later(33))),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    } finally {
      await Promise.all(clients.map(c => c.destroy()));
    }
  });
});

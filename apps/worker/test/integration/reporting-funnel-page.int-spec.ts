import { Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Redis } from 'ioredis';
import mongoose, { Types, type Connection } from 'mongoose';
import { ReportIngest, ReportingCoreModule, reportRedisKeys } from '@nss/reporting-api';
import { InfrastructureModule, REDIS } from '@nss/server-core';
import { workerTestConfig } from '../support/worker-config';

/**
 * The funnel projection of the reporting ingest on the real database and Redis: a household trained by phone becomes
 * the seller's household when that phone registers (whether the training is read before or after the account), each
 * step keeps its earliest time, reading the events again changes nothing, and a page of seller events costs a few
 * round trips to the households, not a few per event (FerretDB answers each in milliseconds: 100,000 sellers' events
 * one query at a time took hours in the benchmark).
 */
describe('worker: the reporting funnel projection, a page at a time', () => {
  let worker: TestingModule;
  let connection: Connection;
  let redis: Redis;
  let ingest: () => Promise<unknown>;
  const P = '19';
  const COMMUNE = '01840';
  const DAY = '2026-11-10';

  beforeAll(async () => {
    const config = workerTestConfig('funnel');
    @Module({ imports: [InfrastructureModule.forRoot(config), ReportingCoreModule] })
    class ReportingWorkerOnly {}
    worker = await Test.createTestingModule({ imports: [ReportingWorkerOnly] }).compile();
    await worker.init();
    connection = worker.get<Connection>(getConnectionToken());
    redis = worker.get<Redis>(REDIS);
    const runner = worker.get(ReportIngest);
    ingest = async () => {
      const outcome = await runner.runOnce();
      if (!outcome) throw new Error('the ingest lock was busy');
      return outcome;
    };
  }, 60_000);

  afterAll(async () => {
    mongoose.set('debug', false);
    if (connection) {
      const keys = reportRedisKeys(connection.name);
      const stale = await redis.keys(`${keys.prefix}*`);
      if (stale.length) await redis.del(...stale);
      await connection.dropDatabase().catch(() => undefined);
    }
    await worker?.close();
  });

  const oid = () => new Types.ObjectId().toHexString();
  const place = { provinceCode: P, communeCode: COMMUNE, adminEra: '2025' };
  const training = (phone: string | null, at: string, extra: Record<string, unknown> = {}) => {
    const id = oid();
    return { _id: new Types.ObjectId(), key: `training.attended:${id}`, type: 'training.attended', sessionId: oid(), ...place, dayVn: at.slice(0, 10), at: new Date(at), agentUserId: 'agent-1', householdKey: phone ? `p:${phone}` : `n:${id}`, sellerId: null, name: 'Hộ thử', phone, ...extra };
  };
  const milestone = (sellerId: string, kind: string, at: string, data: Record<string, unknown> | null = null) => ({
    _id: new Types.ObjectId(),
    key: `milestone:${sellerId}:${kind}`,
    sellerId,
    ...place,
    kind,
    actorUserId: null,
    at: new Date(at),
    data,
    createdAt: new Date(),
  });
  const households = () => connection.collection<{ _id: string; at: Record<string, string>; sellerId: string | null; phone: string | null }>('report_households');

  it('merges a household trained by phone into the seller its phone registers as, read before or after, and again changes nothing', async () => {
    const phone = '0912000001';
    const seller = oid();
    const other = oid();
    // Read first: trained by phone, with no account yet.
    await connection.collection('training_events').insertOne(training(phone, `${DAY}T02:00:00.000Z`));
    await ingest();
    expect(await households().findOne({ _id: `${P}:p:${phone}` })).toMatchObject({ sellerId: null, phone });

    // The account with that phone, and another seller's account and verification in the same page.
    await connection.collection('seller_events').insertMany([
      milestone(seller, 'accountAt', '2026-11-12T03:00:00.000Z', { channel: 'agent', agentUserId: 'agent-1', name: 'Hộ bà Lan', phone }),
      milestone(other, 'accountAt', '2026-11-12T04:00:00.000Z', { channel: 'self', agentUserId: null, name: 'Hộ ông Tư', phone: '0912000002' }),
      milestone(other, 'verifiedAt', '2026-11-13T04:00:00.000Z'),
    ]);
    // A later training of the same phone (read after the account): it goes to the seller's household, and an earlier
    // training day is kept.
    await connection.collection('training_events').insertOne(training(phone, '2026-11-01T02:00:00.000Z'));
    await ingest();

    expect(await households().findOne({ _id: `${P}:p:${phone}` })).toBeNull();
    const merged = await households().findOne({ _id: `${P}:s:${seller}` });
    expect(merged).toMatchObject({ sellerId: seller, phone, name: 'Hộ bà Lan', communeKey: COMMUNE });
    expect(merged?.at).toEqual({ trained: '2026-10-31T17:00:00.000Z', account: '2026-11-12T03:00:00.000Z' });
    expect((await households().findOne({ _id: `${P}:s:${other}` }))?.at).toEqual({ account: '2026-11-12T04:00:00.000Z', verified: '2026-11-13T04:00:00.000Z' });
    expect(await connection.collection('report_household_phones').findOne({ _id: `${P}:${phone}` as never })).toMatchObject({ householdId: `${P}:s:${seller}` });

    // Everything read again (cursors gone): the same households.
    const before = await households().find().sort({ _id: 1 }).toArray();
    const keys = reportRedisKeys(connection.name);
    await redis.del(...(await redis.keys(`${keys.prefix}cursor:*`)));
    await ingest();
    expect(await households().find().sort({ _id: 1 }).toArray()).toEqual(before);
  }, 60_000);

  it('projects a page of seller events with a few round trips to the households, and updates more than 100 of them at once', async () => {
    const sellers = Array.from({ length: 150 }, (_, i) => ({ id: oid(), phone: `0913${String(i).padStart(6, '0')}` }));
    await connection.collection('training_events').insertMany(sellers.slice(0, 50).map((s) => training(s.phone, `${DAY}T01:00:00.000Z`)));
    await ingest();
    await connection.collection('seller_events').insertMany(sellers.map((s) => milestone(s.id, 'accountAt', `${DAY}T03:00:00.000Z`, { channel: 'self', agentUserId: null, name: 'Hộ', phone: s.phone })));
    const calls: string[] = [];
    mongoose.set('debug', (collection: string, method: string) => {
      if (collection.startsWith('report_household')) calls.push(`${collection}.${method}`);
    });
    try {
      await ingest();
    } finally {
      mongoose.set('debug', false);
    }
    // 150 accounts (50 of them merging a household trained by phone): one read of the households, their phone lookups
    // and the households written 50 a command, one removal; then the trainings read again (the ingest's overlap): one
    // read of the phone lookups, one of the households, nothing written (nothing changed). Not three or four a event.
    expect(calls).toEqual([
      'report_households.find',
      ...Array.from({ length: 3 }, () => 'report_household_phones.bulkWrite'),
      ...Array.from({ length: 3 }, () => 'report_households.bulkWrite'),
      'report_households.deleteMany',
      'report_household_phones.find',
      'report_households.find',
    ]);

    // 150 existing households updated by one page (FerretDB 1.24 hangs on an `update` command of more than 100 of them).
    await connection.collection('seller_events').insertMany(sellers.map((s) => milestone(s.id, 'verifiedAt', `${DAY}T05:00:00.000Z`)));
    await ingest();
    expect(await households().countDocuments({ _id: { $in: sellers.map((s) => `${P}:s:${s.id}`) }, 'at.verified': `${DAY}T05:00:00.000Z` })).toBe(150);
    expect(await households().countDocuments({ _id: { $in: sellers.map((s) => `${P}:p:${s.phone}`) } })).toBe(0);
    const sample = await households().findOne({ _id: `${P}:s:${sellers[0]?.id}` });
    expect(sample?.at).toEqual({ trained: '2026-11-09T17:00:00.000Z', account: `${DAY}T03:00:00.000Z`, verified: `${DAY}T05:00:00.000Z` });
  }, 60_000);
});

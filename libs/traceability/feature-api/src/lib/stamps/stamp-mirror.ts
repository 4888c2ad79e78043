import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { REDIS } from '@nss/server-core';
import type { StampStatus } from './stamp.schema';
import { StampsRepository } from './stamps.repository';

/** A mirrored stamp as the scan path reads it. */
export interface MirroredStamp {
  _id: string;
  batchId: string;
  lotId: string;
  status: StampStatus;
  soldAt: Date | null;
}

/** A stamp's copy from the fields of its hash; null for an empty hash (not mirrored). */
export function mirroredStamp(serial: string, fields: Record<string, string>): MirroredStamp | null {
  if (!fields['b']) return null;
  const sold = fields['sold'];
  return {
    _id: serial,
    batchId: fields['b'],
    lotId: fields['l'] ?? '',
    status: (fields['s'] ?? 'inactive') as StampStatus,
    soldAt: sold ? new Date(Number(sold)) : null,
  };
}

/** A stamp nobody scanned for this long leaves the mirror (its next scan reads it from the database again). */
export const MIRROR_TTL_SECONDS = 30 * 86_400;
/** Stamps written to Redis per round trip. */
const PASS_CHUNK = 2_000;

// KEYS: the stamp's key, the mirror's version. ARGV: the version read before the database was, then the fields.
// Writes only when no range change happened since (see `remember`).
const REMEMBER_SCRIPT = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'b', ARGV[2], 'l', ARGV[3], 's', ARGV[4], 'sold', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[6])
return 1
`;

// KEYS: stamp keys. ARGV: the new status, then the statuses it replaces. Keys that are not there stay absent.
const STATUS_SCRIPT = `
local n = 0
for _, key in ipairs(KEYS) do
  local s = redis.call('HGET', key, 's')
  if s then
    for i = 2, #ARGV do
      if s == ARGV[i] then redis.call('HSET', key, 's', ARGV[1]); n = n + 1; break end
    end
  end
end
return n
`;

// KEYS: stamp keys. ARGV: batch id, lot id, TTL. New stamps of a batch: inactive, unsold. One command a chunk (not two
// per stamp): a 180,000-stamp batch otherwise leaves ~150 MB of pipeline garbage in the worker.
const PUT_SCRIPT = `
for _, key in ipairs(KEYS) do
  redis.call('HSET', key, 'b', ARGV[1], 'l', ARGV[2], 's', 'inactive', 'sold', '')
  redis.call('EXPIRE', key, ARGV[3])
end
return #KEYS
`;

interface MirrorCommands {
  nssStampMirrorPut(...args: string[]): Promise<number>;
  nssStampMirrorRemember(...args: string[]): Promise<number>;
  nssStampMirrorStatus(...args: string[]): Promise<number>;
}

/**
 * The scan path's copy of stamps in Redis, so a scan never waits on the database: per stamp its batch, lot, status
 * and sale date, with the stamp's scan counters (ScanLedger) on the same hash tag. The stamp documents stay the truth;
 * the mirror is written when a batch is made (`put`), read through on a miss (`remember`), and told of every change:
 * - `voiding` BEFORE the database voids a seq range and `voided` after it (a scan says void from the first moment on);
 * - `activated` AFTER the database activated a seq range (genuine only once the stamps are active);
 * - `sold` after a stamp was marked sold or given back (its copy is dropped and read again).
 * A range change bumps the mirror's version before it passes over the stamps, and a read-through writes only if the
 * version did not move since before it read the database: so a copy made from a database read that raced a change is
 * either refused or overwritten by the change's pass, never left stale. Range semantics are the database's: activation
 * turns inactive stamps active; void turns every stamp void for good.
 */
@Injectable()
export class StampMirror {
  private readonly commands: MirrorCommands;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @InjectConnection() private readonly connection: Connection,
    private readonly stamps: StampsRepository,
  ) {
    redis.defineCommand('nssStampMirrorRemember', { numberOfKeys: 2, lua: REMEMBER_SCRIPT });
    redis.defineCommand('nssStampMirrorStatus', { lua: STATUS_SCRIPT });
    redis.defineCommand('nssStampMirrorPut', { lua: PUT_SCRIPT });
    this.commands = redis as unknown as MirrorCommands;
  }

  /** The key of a stamp's copy (the hash tag it shares with its scan counters). */
  static key(serial: string): string {
    return `nss:stamp:{${serial}}:m`;
  }

  private get versionKey(): string {
    return `nss:stamps:${this.connection.name || 'default'}:mirror-version`;
  }

  /** New stamps of a batch (all inactive, unsold): written when the batch is made. */
  async put(batch: { batchId: string; lotId: string }, serials: readonly string[]): Promise<void> {
    const ttl = String(MIRROR_TTL_SECONDS);
    for (let i = 0; i < serials.length; i += PASS_CHUNK) {
      const keys = serials.slice(i, i + PASS_CHUNK).map((serial) => StampMirror.key(serial));
      await this.commands.nssStampMirrorPut(String(keys.length), ...keys, batch.batchId, batch.lotId, ttl);
    }
  }

  /** A stamp's copy, or null when it is not mirrored. */
  async get(serial: string): Promise<MirroredStamp | null> {
    return mirroredStamp(serial, await this.redis.hgetall(StampMirror.key(serial)));
  }

  /** The mirror's version: read it before reading a stamp from the database, then `remember` with it. */
  async version(): Promise<string> {
    return (await this.redis.get(this.versionKey)) ?? '0';
  }

  /** Keeps a stamp read from the database, unless a change happened since `version` was read (then the next scan reads again). */
  async remember(stamp: MirroredStamp, version: string): Promise<boolean> {
    const written = await this.commands.nssStampMirrorRemember(
      StampMirror.key(stamp._id),
      this.versionKey,
      version,
      stamp.batchId,
      stamp.lotId,
      stamp.status,
      stamp.soldAt ? String(new Date(stamp.soldAt).getTime()) : '',
      String(MIRROR_TTL_SECONDS),
    );
    return written === 1;
  }

  async voiding(batchId: string, fromSeq: number, toSeq: number): Promise<void> {
    await this.pass(batchId, fromSeq, toSeq, 'void', ['inactive', 'active']);
  }

  async voided(batchId: string, fromSeq: number, toSeq: number): Promise<void> {
    await this.pass(batchId, fromSeq, toSeq, 'void', ['inactive', 'active']);
  }

  async activated(batchId: string, fromSeq: number, toSeq: number): Promise<void> {
    await this.pass(batchId, fromSeq, toSeq, 'active', ['inactive']);
  }

  async sold(serial: string, _soldAt: Date | null): Promise<void> {
    await this.redis.multi().incr(this.versionKey).del(StampMirror.key(serial)).exec();
  }

  /** Bumps the version, then moves the copies of the range's stamps that are there (the others are read through later). */
  private async pass(batchId: string, fromSeq: number, toSeq: number, status: StampStatus, replaces: StampStatus[]): Promise<void> {
    await this.redis.incr(this.versionKey);
    let keys: string[] = [];
    const flush = async () => {
      if (keys.length) await this.commands.nssStampMirrorStatus(String(keys.length), ...keys, status, ...replaces);
      keys = [];
    };
    for await (const row of this.stamps.serialsInRange(batchId, fromSeq, toSeq)) {
      keys.push(StampMirror.key(row._id));
      if (keys.length >= PASS_CHUNK) await flush();
    }
    await flush();
  }
}

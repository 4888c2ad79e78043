import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { SUSPICION_REASONS, type SuspicionReason } from '@nss/contracts';
import { REDIS } from '@nss/server-core';
import { MIRROR_TTL_SECONDS, StampMirror, mirroredStamp, type MirroredStamp } from '../stamps/stamp-mirror';

/** A recent scan of a stamp as the stamp keeps it (`lastScans`): a position only when its scanner consented. */
export interface RecentScanEntry {
  scanId: string;
  at: Date;
  clientHash: string;
  lat: number | null;
  lng: number | null;
}

/** A stamp's scan counters after a change: what the verdict is computed from. */
export interface StampScanState {
  scanCount: number;
  firstScanAt: Date | null;
  /** Oldest first, at most RECENT_SCANS. */
  recent: RecentScanEntry[];
  reasons: SuspicionReason[];
}

/** What the stamp document says, to start the counters from when Redis has none (expired, or Redis was reset). */
export interface StampScanSeed {
  scanCount: number;
  firstScanAt: Date | null;
  lastScans: ReadonlyArray<{ at: Date; clientHash: string; lat: number | null; lng: number | null }>;
}

/** How many scans a stamp keeps (`lastScans` ≤ 10). */
export const RECENT_SCANS = 10;
/**
 * Counters of a stamp nobody scanned for this long leave Redis; the stamp document has them. Longer than the stamp's
 * mirror (StampMirror) lives, so a mirrored stamp's counters are always there: a mirrored stamp without counters was
 * never scanned.
 */
const STATE_TTL_SECONDS = MIRROR_TTL_SECONDS + 86_400;

// KEYS: the stamp's mirror (StampMirror), its counters hash and its recent-scan list. ARGV: now, ttl, max recent, this
// scan's entry, the mirror's ttl. Nothing when the stamp is not mirrored (the caller reads the database); else counts
// the scan (a mirrored stamp without counters was never scanned) and answers the mirror, counters and recent scans.
const MIRRORED_COUNT_SCRIPT = `
local m = redis.call('HGETALL', KEYS[1])
if #m == 0 then return false end
redis.call('HINCRBY', KEYS[2], 'n', 1)
redis.call('HSETNX', KEYS[2], 'first', ARGV[1])
redis.call('RPUSH', KEYS[3], ARGV[4])
redis.call('LTRIM', KEYS[3], -tonumber(ARGV[3]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('EXPIRE', KEYS[3], ARGV[2])
return { m, redis.call('HGETALL', KEYS[2]), redis.call('LRANGE', KEYS[3], 0, -1) }
`;

// KEYS: the stamp's hash (n, first, r:<reason>) and its recent-scan list. ARGV: now, ttl, max recent, this scan's entry,
// then the seed (count, first, reasons, recent entries…) used only when the hash does not exist. One script, so two
// concurrent scans of a stamp count 1 and 2, never 1 and 1.
const COUNT_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'n', ARGV[5])
  if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'first', ARGV[6]) end
  for r in string.gmatch(ARGV[7], '[^,]+') do redis.call('HSET', KEYS[1], 'r:' .. r, '1') end
  for i = 8, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
end
redis.call('HINCRBY', KEYS[1], 'n', 1)
redis.call('HSETNX', KEYS[1], 'first', ARGV[1])
redis.call('RPUSH', KEYS[2], ARGV[4])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return { redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1) }
`;

// KEYS: hash, list. ARGV: scan id, client hash, lat, lng, oldest allowed time. Sets the position of that scan once, if
// it is recent and was made by the same client: 'gone' (no such recent scan of this client), 'set' (already has one).
const POSITION_SCRIPT = `
local list = redis.call('LRANGE', KEYS[2], 0, -1)
for i, e in ipairs(list) do
  local id, t, h, la = string.match(e, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|')
  if id == ARGV[1] then
    if h ~= ARGV[2] or tonumber(t) < tonumber(ARGV[5]) then return 'gone' end
    if la ~= '' then return 'set' end
    redis.call('LSET', KEYS[2], i - 1, id .. '|' .. t .. '|' .. h .. '|' .. ARGV[3] .. '|' .. ARGV[4])
    return { redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1) }
  end
end
return 'gone'
`;

// KEYS: hash, list, the set of scan ids folded in already. ARGV: ttl, max recent, how many entries, the entries (scans
// recorded in the database while Redis was away), then the seed (count, first, reasons, recent entries…) used only
// when the hash does not exist. Counts each entry once: an id folded before (a retried fold) or already among the recent
// scans (its count reached Redis after all, though the caller saw the command fail) is skipped. The recent list is
// rewritten oldest first, the folded entries in their place by time.
const FOLD_SCRIPT = `
local n = tonumber(ARGV[3])
local seedAt = 4 + n
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'n', ARGV[seedAt])
  if ARGV[seedAt + 1] ~= '' then redis.call('HSET', KEYS[1], 'first', ARGV[seedAt + 1]) end
  for r in string.gmatch(ARGV[seedAt + 2], '[^,]+') do redis.call('HSET', KEYS[1], 'r:' .. r, '1') end
  for i = seedAt + 3, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
end
local recent = redis.call('LRANGE', KEYS[2], 0, -1)
local seen = {}
for _, e in ipairs(recent) do seen[string.match(e, '^([^|]*)|')] = true end
local added = 0
for i = 4, 3 + n do
  local e = ARGV[i]
  local id, t = string.match(e, '^([^|]*)|([^|]*)|')
  if not seen[id] and redis.call('SADD', KEYS[3], id) == 1 then
    seen[id] = true
    added = added + 1
    redis.call('HINCRBY', KEYS[1], 'n', 1)
    local first = redis.call('HGET', KEYS[1], 'first')
    if not first or tonumber(t) < tonumber(first) then redis.call('HSET', KEYS[1], 'first', t) end
    table.insert(recent, e)
  end
end
if added > 0 then
  local at = function(e) return tonumber(string.match(e, '^[^|]*|([^|]*)|')) end
  table.sort(recent, function(a, b) return at(a) < at(b) end)
  redis.call('DEL', KEYS[2])
  local from = math.max(1, #recent - tonumber(ARGV[2]) + 1)
  for i = from, #recent do redis.call('RPUSH', KEYS[2], recent[i]) end
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[3], ARGV[1])
return { redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1) }
`;

type ScriptReply = [string[], string[]];

/** The scripts as ioredis commands (sent once, then run by their SHA). */
interface ScanCommands {
  nssStampScanCount(...args: string[]): Promise<ScriptReply>;
  nssStampScanCountMirrored(...args: string[]): Promise<[string[], string[], string[]] | null>;
  nssStampScanPosition(...args: string[]): Promise<ScriptReply | 'gone' | 'set'>;
  nssStampScanFold(...args: string[]): Promise<ScriptReply>;
}

function entryText(e: RecentScanEntry): string {
  return `${e.scanId}|${e.at.getTime()}|${e.clientHash}|${e.lat ?? ''}|${e.lng ?? ''}`;
}

function parseEntry(text: string): RecentScanEntry {
  const [scanId = '', at = '0', clientHash = '', lat = '', lng = ''] = text.split('|');
  return { scanId, at: new Date(Number(at)), clientHash, lat: lat === '' ? null : Number(lat), lng: lng === '' ? null : Number(lng) };
}

function parseState([flat, list]: ScriptReply): StampScanState {
  const hash = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) hash.set(String(flat[i]), String(flat[i + 1]));
  const first = hash.get('first');
  return {
    scanCount: Number(hash.get('n') ?? 0),
    firstScanAt: first ? new Date(Number(first)) : null,
    recent: list.map(parseEntry),
    reasons: SUSPICION_REASONS.filter((r) => hash.has(`r:${r}`)),
  };
}

/**
 * The scan counters of stamps, kept in Redis so that counting a scan is one atomic script and no database write sits
 * on the scan page's path (FerretDB updates cost milliseconds and are not atomic). Scan records, position updates and
 * events wait in a Redis list (the outbox of this database) until ScanWriter stores them; the stamps whose counters
 * moved are in a set until ScanWriter has copied them onto the stamp documents. Keys of the outbox carry the database
 * name, so processes on different databases sharing one Redis (tests) never take each other's records.
 */
@Injectable()
export class ScanLedger {
  private readonly commands: ScanCommands;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @InjectConnection() private readonly connection: Connection,
  ) {
    redis.defineCommand('nssStampScanCount', { numberOfKeys: 2, lua: COUNT_SCRIPT });
    redis.defineCommand('nssStampScanCountMirrored', { numberOfKeys: 3, lua: MIRRORED_COUNT_SCRIPT });
    redis.defineCommand('nssStampScanPosition', { numberOfKeys: 2, lua: POSITION_SCRIPT });
    redis.defineCommand('nssStampScanFold', { numberOfKeys: 3, lua: FOLD_SCRIPT });
    this.commands = redis as unknown as ScanCommands;
  }

  /** Redis is connected: the scan path counts here. Else it records scans in the database (ScanService). */
  get available(): boolean {
    return this.redis.status === 'ready';
  }

  /** Calls `listener` each time the connection to Redis is (re)established. */
  whenReady(listener: () => void): void {
    this.redis.on('ready', listener);
  }

  private stateKeys(serial: string): [string, string] {
    // One hash tag: both keys of a stamp live on the same Redis Cluster slot.
    return [`nss:stamp:{${serial}}:scans`, `nss:stamp:{${serial}}:recent`];
  }

  private get ns(): string {
    return `nss:scans:${this.connection.name || 'default'}`;
  }
  get pendingKey(): string {
    return `${this.ns}:pending`;
  }
  get dirtyKey(): string {
    return `${this.ns}:dirty`;
  }
  get flushLockKey(): string {
    return `${this.ns}:flush`;
  }

  /** Counts a scan of the stamp (starting from `seed` when Redis has no counters for it) and answers its new state. */
  async count(serial: string, entry: RecentScanEntry, seed: StampScanSeed & { reasons?: readonly SuspicionReason[] }): Promise<StampScanState> {
    const seedRecent = seed.lastScans.slice(-RECENT_SCANS).map((s, i) => entryText({ scanId: `seed${i}`, ...s }));
    const reply = await this.commands.nssStampScanCount(
      ...this.stateKeys(serial),
      String(entry.at.getTime()),
      String(STATE_TTL_SECONDS),
      String(RECENT_SCANS),
      entryText(entry),
      String(seed.scanCount),
      seed.firstScanAt ? String(seed.firstScanAt.getTime()) : '',
      (seed.reasons ?? []).join(','),
      ...seedRecent,
    );
    return parseState(reply);
  }

  /**
   * Adds scans recorded in the database while Redis was away (UncountedScans) to the stamp's counters, each once
   * however often this runs for it (starting from `seed` when Redis has no counters for the stamp).
   */
  async fold(serial: string, entries: readonly RecentScanEntry[], seed: StampScanSeed & { reasons?: readonly SuspicionReason[] }): Promise<StampScanState> {
    const seedRecent = seed.lastScans.slice(-RECENT_SCANS).map((s, i) => entryText({ scanId: `seed${i}`, ...s }));
    const reply = await this.commands.nssStampScanFold(
      ...this.stateKeys(serial),
      `nss:stamp:{${serial}}:folded`,
      String(STATE_TTL_SECONDS),
      String(RECENT_SCANS),
      String(entries.length),
      ...entries.map(entryText),
      String(seed.scanCount),
      seed.firstScanAt ? String(seed.firstScanAt.getTime()) : '',
      (seed.reasons ?? []).join(','),
      ...seedRecent,
    );
    return parseState(reply);
  }

  /**
   * Counts a scan of a mirrored stamp in one round trip and answers the stamp as mirrored with its new state; null when
   * the stamp is not in the mirror (nothing counted: the caller reads the database and uses `count`).
   */
  async countMirrored(serial: string, entry: RecentScanEntry): Promise<{ stamp: MirroredStamp; state: StampScanState } | null> {
    const reply = await this.commands.nssStampScanCountMirrored(
      StampMirror.key(serial),
      ...this.stateKeys(serial),
      String(entry.at.getTime()),
      String(STATE_TTL_SECONDS),
      String(RECENT_SCANS),
      entryText(entry),
      String(MIRROR_TTL_SECONDS),
    );
    if (!reply) return null;
    const [flat, counters, recent] = reply;
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[String(flat[i])] = String(flat[i + 1]);
    const stamp = mirroredStamp(serial, fields);
    if (!stamp) return null;
    return { stamp, state: parseState([counters, recent]) };
  }

  /**
   * Records the consented position of a recent scan of the stamp by the same client; the stamp's new state, or why not:
   * 'gone' (no such scan, too old, or another client's) or 'set' (that scan has a position already).
   */
  async position(serial: string, scan: { scanId: string; clientHash: string; lat: number; lng: number; notBefore: Date }): Promise<StampScanState | 'gone' | 'set'> {
    const reply = await this.commands.nssStampScanPosition(
      ...this.stateKeys(serial),
      scan.scanId,
      scan.clientHash,
      String(scan.lat),
      String(scan.lng),
      String(scan.notBefore.getTime()),
    );
    return typeof reply === 'string' ? reply : parseState(reply);
  }

  /** The stamp's counters, or null when Redis has none. */
  async state(serial: string): Promise<StampScanState | null> {
    const [hashKey, listKey] = this.stateKeys(serial);
    const [[, flat], [, list]] = (await this.redis.multi().hgetall(hashKey).lrange(listKey, 0, -1).exec()) as [[unknown, Record<string, string>], [unknown, string[]]];
    if (!flat || Object.keys(flat).length === 0) return null;
    return parseState([Object.entries(flat).flat(), list ?? []]);
  }

  /** Keeps reasons for good; answers those that are new (so each is reported once). */
  async keepReasons(serial: string, reasons: readonly SuspicionReason[]): Promise<SuspicionReason[]> {
    if (reasons.length === 0) return [];
    const [hashKey] = this.stateKeys(serial);
    const pipeline = this.redis.pipeline();
    for (const reason of reasons) pipeline.hsetnx(hashKey, `r:${reason}`, '1');
    const results = (await pipeline.exec()) ?? [];
    return reasons.filter((_r, i) => results[i]?.[1] === 1);
  }

  /** Puts records in this database's outbox and marks the stamps whose counters moved. */
  async enqueue(records: readonly object[], dirtySerials: readonly string[] = []): Promise<void> {
    const pipeline = this.redis.pipeline();
    if (records.length) pipeline.rpush(this.pendingKey, ...records.map((r) => JSON.stringify(r)));
    if (dirtySerials.length) pipeline.sadd(this.dirtyKey, ...dirtySerials);
    await pipeline.exec();
  }

  /** The oldest `n` records of the outbox, parsed (left there until `drop`). */
  async peek(n: number): Promise<unknown[]> {
    const texts = await this.redis.lrange(this.pendingKey, 0, n - 1);
    return texts.map((t) => JSON.parse(t) as unknown);
  }

  async drop(n: number): Promise<void> {
    await this.redis.ltrim(this.pendingKey, n, -1);
  }

  async pending(): Promise<number> {
    return this.redis.llen(this.pendingKey);
  }

  async popDirty(n: number): Promise<string[]> {
    return ((await this.redis.spop(this.dirtyKey, n)) as string[] | null) ?? [];
  }

  async markDirty(serials: readonly string[]): Promise<void> {
    if (serials.length) await this.redis.sadd(this.dirtyKey, ...serials);
  }

  /** One flusher per database at a time, across processes; the lease outlives a crashed holder by `ms`. */
  async tryFlushLock(owner: string, ms: number): Promise<boolean> {
    return (await this.redis.set(this.flushLockKey, owner, 'PX', ms, 'NX')) === 'OK';
  }

  async releaseFlushLock(owner: string): Promise<void> {
    await this.redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, this.flushLockKey, owner);
  }
}

import { InjectionToken } from '@angular/core';
import type { ApiError } from '@nss/contracts';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CreateDiaryEntryRequest } from './lots.models';

/**
 * A diary entry kept on the device until the server has stored it. Keyed by its device-made `clientId` (the same id
 * the server stores the entry under, so sending it again is safe).
 */
export interface OutboxRecord {
  clientId: string;
  lotId: string;
  draft: CreateDiaryEntryRequest;
  /** Who wrote it: only that user's session sends it (a shared phone, an agent and a household). */
  userId: string | null;
  /** When it was written on the device (ISO UTC). */
  createdAt: string;
  /** `waiting`: to be sent; `failed`: the server refused it (4xx), kept with its answer until the user discards it. */
  state: 'waiting' | 'failed';
  /** Sends that got no answer (network down, 5xx, 401, 409, 429): the backoff grows with it. */
  attempts: number;
  error: ApiError | null;
}

/** Where the outbox keeps its records: IndexedDB in the browser, memory in tests (or where IndexedDB is missing). */
export interface OutboxStore {
  all(): Promise<OutboxRecord[]>;
  put(record: OutboxRecord): Promise<void>;
  delete(clientId: string): Promise<void>;
}

/** For unit tests and browsers without IndexedDB: entries live as long as the page. */
export class MemoryOutboxStore implements OutboxStore {
  private readonly records = new Map<string, OutboxRecord>();

  async all(): Promise<OutboxRecord[]> {
    return [...this.records.values()].map((r) => clone(r));
  }

  async put(record: OutboxRecord): Promise<void> {
    this.records.set(record.clientId, clone(record));
  }

  async delete(clientId: string): Promise<void> {
    this.records.delete(clientId);
  }
}

interface OutboxDb extends DBSchema {
  diary: { key: string; value: OutboxRecord };
}

export const OUTBOX_DB_NAME = 'nss-offline';
const VERSION = 1;

/** The records in IndexedDB (database `nss-offline`, store `diary`, key `clientId`), through `idb`. */
export class IndexedDbOutboxStore implements OutboxStore {
  private db: Promise<IDBPDatabase<OutboxDb>> | null = null;

  private open(): Promise<IDBPDatabase<OutboxDb>> {
    this.db ??= openDB<OutboxDb>(OUTBOX_DB_NAME, VERSION, {
      upgrade(db) {
        if (!db.objectStoreNames.contains('diary')) db.createObjectStore('diary', { keyPath: 'clientId' });
      },
    });
    // A failed open (private mode, quota) is tried again next time rather than remembered.
    this.db.catch(() => (this.db = null));
    return this.db;
  }

  async all(): Promise<OutboxRecord[]> {
    return (await this.open()).getAll('diary');
  }

  async put(record: OutboxRecord): Promise<void> {
    await (await this.open()).put('diary', record);
  }

  async delete(clientId: string): Promise<void> {
    await (await this.open()).delete('diary', clientId);
  }
}

export const DIARY_OUTBOX_STORE = new InjectionToken<OutboxStore>('DIARY_OUTBOX_STORE', {
  providedIn: 'root',
  factory: () => (typeof indexedDB === 'undefined' ? new MemoryOutboxStore() : new IndexedDbOutboxStore()),
});

/** Records are plain JSON (what IndexedDB would keep): a copy, so nobody changes the stored one by accident. */
function clone(record: OutboxRecord): OutboxRecord {
  return JSON.parse(JSON.stringify(record)) as OutboxRecord;
}

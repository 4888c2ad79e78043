import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { getCommune, getProvince, isCommuneInProvince } from '@nss/admin-units';
import {
  type Address,
  type AddressCreate,
  type AddressInput,
  type AddressList,
  type AddressPatch,
  type CheckoutBody,
  MAX_ADDRESSES,
  type ShippingAddress,
} from '@nss/contracts';
import { Actor, AppError, DataScope, DocumentLocks } from '@nss/server-core';
import type { BuyerAddress } from './address.schema';
import { AddressesRepository } from './addresses.repository';

const ADDRESS_WHAT: [string, string] = ['địa chỉ', 'Address'];

/**
 * Every write to a buyer's address book holds this lock (keyed by the buyer): the cap's count and the insert are one
 * step (FerretDB has no transactions and no atomic guarded writes), and two edits of one address cannot interleave.
 */
export const ADDRESS_BOOK_LOCK = 'buyer-addresses';

type AddressDoc = BuyerAddress & { _id: Types.ObjectId };

/** The default of a book: the address made default last (ties: the later id), else the oldest; null when empty. */
export function defaultAddressId(docs: readonly AddressDoc[]): string | null {
  let chosen: AddressDoc | null = null;
  for (const doc of docs) {
    if (!doc.defaultAt) continue;
    const newer = !chosen?.defaultAt || doc.defaultAt.getTime() > chosen.defaultAt.getTime();
    const tie = chosen?.defaultAt && doc.defaultAt.getTime() === chosen.defaultAt.getTime() && doc._id.toHexString() > chosen._id.toHexString();
    if (newer || tie) chosen = doc;
  }
  return (chosen ?? oldest(docs))?._id.toHexString() ?? null;
}

function oldest(docs: readonly AddressDoc[]): AddressDoc | null {
  return [...docs].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.toHexString().localeCompare(b._id.toHexString()))[0] ?? null;
}

/** The province and commune must be 2025 units and the commune must lie in the province (as onboarding checks). */
export function assertPlace(provinceCode: string, communeCode: string, prefix = ''): void {
  if (!getProvince(provinceCode)) {
    throw AppError.invalidField(`${prefix}provinceCode`, 'Không có tỉnh/thành phố này (mã 2025)', 'no such province (2025 code)');
  }
  if (!isCommuneInProvince(communeCode, provinceCode)) {
    throw AppError.invalidField(`${prefix}communeCode`, 'Xã/phường không thuộc tỉnh đã chọn', 'the commune is not in this province');
  }
}

function addressView(doc: AddressDoc, defaultId: string | null): Address {
  return {
    id: doc._id.toHexString(),
    recipientName: doc.recipientName,
    phone: doc.phone,
    street: doc.street,
    provinceCode: doc.provinceCode,
    provinceName: getProvince(doc.provinceCode)?.name ?? doc.provinceCode,
    communeCode: doc.communeCode,
    communeName: getCommune(doc.communeCode)?.name ?? doc.communeCode,
    adminEra: '2025',
    isDefault: doc._id.toHexString() === defaultId,
  };
}

export function shippingAddressOf(input: AddressInput): ShippingAddress {
  return {
    recipientName: input.recipientName,
    phone: input.phone,
    street: input.street,
    provinceCode: input.provinceCode,
    provinceName: getProvince(input.provinceCode)?.name ?? input.provinceCode,
    communeCode: input.communeCode,
    communeName: getCommune(input.communeCode)?.name ?? input.communeCode,
  };
}

/** A buyer's delivery addresses (at most MAX_ADDRESSES, one of them the default). Another buyer's address: 404. */
@Injectable()
export class AddressesService {
  constructor(
    private readonly addresses: AddressesRepository,
    private readonly locks: DocumentLocks,
  ) {}

  /** The book, default first, then oldest first. */
  async list(actor: Actor): Promise<AddressList> {
    const docs = await this.addresses.list(DataScope.forActor(actor), actor.userId);
    const defaultId = defaultAddressId(docs);
    const items = docs.map((d) => addressView(d, defaultId));
    return { items: [...items.filter((a) => a.isDefault), ...items.filter((a) => !a.isDefault)] };
  }

  async create(actor: Actor, body: AddressCreate): Promise<Address> {
    const { isDefault, ...address } = body;
    assertPlace(address.provinceCode, address.communeCode);
    const scope = DataScope.forActor(actor);
    const id = await this.locks.run(ADDRESS_BOOK_LOCK, actor.userId, async (lease) => {
      if ((await this.addresses.count(scope, { ownerUserId: actor.userId })) >= MAX_ADDRESSES) {
        throw AppError.conflict(
          'ADDRESS_LIMIT',
          `Sổ địa chỉ đã đủ ${MAX_ADDRESSES} địa chỉ: hãy xoá bớt một địa chỉ cũ`,
          `The address book already has ${MAX_ADDRESSES} addresses: delete one first`,
        );
      }
      await lease.assertHeld();
      const doc = await this.addresses.create(scope, { ...address, ownerUserId: actor.userId, adminEra: '2025', defaultAt: isDefault ? new Date() : null });
      return doc._id.toHexString();
    });
    return this.viewOf(actor, id);
  }

  async update(actor: Actor, id: string, patch: AddressPatch): Promise<Address> {
    const scope = DataScope.forActor(actor);
    await this.locks.run(ADDRESS_BOOK_LOCK, actor.userId, async (lease) => {
      const doc = await this.addresses.getById(scope, id, ADDRESS_WHAT);
      if (patch.provinceCode !== undefined || patch.communeCode !== undefined) {
        assertPlace(patch.provinceCode ?? doc.provinceCode, patch.communeCode ?? doc.communeCode);
      }
      await lease.assertHeld();
      if (!(await this.addresses.findOneAndUpdate(scope, { _id: doc._id }, { $set: { ...patch } }))) throw AppError.notFound(...ADDRESS_WHAT);
    });
    return this.viewOf(actor, id);
  }

  /** Makes one of the buyer's addresses the default: a write to that address only (see `defaultAddressId`). */
  async makeDefault(actor: Actor, id: string): Promise<Address> {
    const scope = DataScope.forActor(actor);
    await this.locks.run(ADDRESS_BOOK_LOCK, actor.userId, async (lease) => {
      const doc = await this.addresses.getById(scope, id, ADDRESS_WHAT);
      await lease.assertHeld();
      if (!(await this.addresses.findOneAndUpdate(scope, { _id: doc._id }, { $set: { defaultAt: new Date() } }))) throw AppError.notFound(...ADDRESS_WHAT);
    });
    return this.viewOf(actor, id);
  }

  /** Deleting the default makes the one chosen before it (else the oldest) the default. */
  async remove(actor: Actor, id: string): Promise<void> {
    const removed = await this.locks.run(ADDRESS_BOOK_LOCK, actor.userId, async (lease) => {
      await lease.assertHeld();
      return this.addresses.remove(DataScope.forActor(actor), id);
    });
    if (!removed) throw AppError.notFound(...ADDRESS_WHAT);
  }

  /** One address as the book shows it (whether it is the default depends on the others). */
  private async viewOf(actor: Actor, id: string): Promise<Address> {
    const found = (await this.list(actor)).items.find((a) => a.id === id);
    if (!found) throw AppError.notFound(...ADDRESS_WHAT);
    return found;
  }

  /** The delivery address of a checkout: one of the buyer's (400 naming `addressId` if not theirs) or a new one. */
  async resolveForCheckout(actor: Actor, body: Pick<CheckoutBody, 'addressId' | 'address'>): Promise<ShippingAddress> {
    if (body.address) {
      assertPlace(body.address.provinceCode, body.address.communeCode, 'address.');
      return shippingAddressOf(body.address);
    }
    const doc = body.addressId ? await this.addresses.findById(DataScope.forActor(actor), body.addressId) : null;
    if (!doc) throw AppError.invalidField('addressId', 'Không tìm thấy địa chỉ', 'no such address of yours');
    return shippingAddressOf(doc);
  }
}

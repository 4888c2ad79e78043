import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { DataScope, ScopedRepository } from '@nss/server-core';
import { BuyerAddress, BuyerAddressDocument } from './address.schema';

@Injectable()
export class AddressesRepository extends ScopedRepository<BuyerAddress> {
  constructor(@InjectModel(BuyerAddress.name) model: Model<BuyerAddress>) {
    super(model, { owner: 'ownerUserId' });
  }

  list(scope: DataScope, ownerUserId: string): Promise<BuyerAddressDocument[]> {
    return this.find(scope, { ownerUserId }, undefined, { sort: { createdAt: 1, _id: 1 }, limit: 100 });
  }

  async remove(scope: DataScope, id: string): Promise<boolean> {
    if (!Types.ObjectId.isValid(id)) return false;
    const result = await this.model.deleteOne(this.scoped(scope, { _id: new Types.ObjectId(id) })).exec();
    return result.deletedCount > 0;
  }
}

import type { FilterQuery, Model, ProjectionType, QueryOptions, UpdateQuery, HydratedDocument } from 'mongoose';
import { Types } from 'mongoose';
import { Logger } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { DataScope, ScopeFields, isInScope, scopeFilter } from './data-scope';

/**
 * Base class for repositories of scoped collections. Every method takes a DataScope and merges its filter into the
 * query, so a province officer cannot read another province's sellers and a seller cannot read another seller's
 * products, whatever the service above forgets.
 */
const scopeLogger = new Logger('DataScope');

export abstract class ScopedRepository<T> {
  protected constructor(
    protected readonly model: Model<T>,
    protected readonly scopeFields: ScopeFields,
  ) {}

  protected scoped(scope: DataScope, filter: FilterQuery<T> = {}): FilterQuery<T> {
    // Why a query may see every province: the stated reason (never personal data), for whoever audits the logs.
    if (scope.isPlatform) scopeLogger.debug(`platform scope on ${this.model.collection?.name ?? this.model.modelName}: ${scope.reason}`);
    const restriction = scopeFilter(scope, this.scopeFields);
    if (Object.keys(restriction).length === 0) return filter;
    if (Object.keys(filter).length === 0) return restriction as FilterQuery<T>;
    return { $and: [filter, restriction] } as FilterQuery<T>;
  }

  find(scope: DataScope, filter: FilterQuery<T> = {}, projection?: ProjectionType<T>, options?: QueryOptions<T>) {
    return this.model.find(this.scoped(scope, filter), projection, options).exec();
  }

  findOne(scope: DataScope, filter: FilterQuery<T>) {
    return this.model.findOne(this.scoped(scope, filter)).exec();
  }

  /** A document by id within the scope, or null (an id of another province's document looks like a missing one). */
  findById(scope: DataScope, id: string) {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return this.findOne(scope, { _id: new Types.ObjectId(id) } as FilterQuery<T>);
  }

  async getById(scope: DataScope, id: string, what: [string, string]): Promise<HydratedDocument<T>> {
    const doc = await this.findById(scope, id);
    if (!doc) throw AppError.notFound(what[0], what[1]);
    return doc;
  }

  count(scope: DataScope, filter: FilterQuery<T> = {}) {
    return this.model.countDocuments(this.scoped(scope, filter)).exec();
  }

  /** Atomic single-document update guarded by the scope (and by any condition in `filter`). */
  findOneAndUpdate(scope: DataScope, filter: FilterQuery<T>, update: UpdateQuery<T>) {
    return this.model.findOneAndUpdate(this.scoped(scope, filter), update, { new: true, runValidators: true }).exec();
  }

  updateOne(scope: DataScope, filter: FilterQuery<T>, update: UpdateQuery<T>) {
    return this.model.updateOne(this.scoped(scope, filter), update, { runValidators: true }).exec();
  }

  /** Creates a document after checking that it lies inside the caller's scope. */
  async create(scope: DataScope, doc: Partial<T> & Record<string, unknown>): Promise<HydratedDocument<T>> {
    if (!scope.isPlatform && !isInScope(scope, this.scopeFields, doc)) throw AppError.forbidden();
    return this.model.create(doc) as Promise<HydratedDocument<T>>;
  }
}

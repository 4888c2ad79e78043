import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { answerConditional, type ValidatorReply } from '@nss/server-core';
import { CatalogVersion } from './catalog-version';

interface ValidatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** The ETag of everything the public catalogue shows, at a version of it (its epoch too: a lost counter starts again). */
export function catalogEtag(version: { epoch: string; n: number }): string {
  return `W/"cat-${version.epoch || '0'}-${version.n}"`;
}

/**
 * HTTP validators for the public catalogue reads (search, the home page, a product page; the category list is
 * fixed in the code and stays the framework's floor in bench:catalog): their ETag is
 * the catalogue version (bumped after every approval, price, stock or photo change), read BEFORE the handler reads
 * its data, so a body is never older than its tag. A client or CDN sending that tag back gets a body-less 304 while
 * nothing changed; a moderation or price change moves the version and the next request gets the new body at once
 * (`Cache-Control: public, no-cache`). Only successful answers carry the validators.
 */
@Injectable()
export class CatalogValidatorsInterceptor implements NestInterceptor {
  constructor(private readonly version: CatalogVersion) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.run(context, next));
  }

  private async run(context: ExecutionContext, next: CallHandler): Promise<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<ValidatedRequest>();
    const reply = http.getResponse<ValidatorReply>();
    // Without Redis the version is unknown: the answer (from memory) goes out without validators and is not cached.
    const version = await this.version.currentOrUnknown();
    // Validators only: the check itself runs after the handler, so a request that fails (400, 404) answers its error.
    const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    if (!version) {
      reply.header('cache-control', 'no-store');
      return body;
    }
    return answerConditional(request.headers, reply, { etag: catalogEtag(version) }) ? '' : body;
  }
}

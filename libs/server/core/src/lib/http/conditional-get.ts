import fresh from 'fresh';

/** What a reply needs for validators (Fastify's reply, or a test double). */
export interface ValidatorReply {
  header(name: string, value: string): unknown;
  status(code: number): unknown;
}

/**
 * `Cache-Control` of a public read that must show a change at once: anyone (a CDN too) may keep a copy, but must ask
 * again before using it; the answer to that question is a body-less 304 while the validator holds.
 */
export const PUBLIC_REVALIDATE = 'public, no-cache';

/**
 * Sets the validators of a public read and says whether the client's copy is still fresh (then the caller answers
 * 304 with no body). `fresh` (jshttp, the module Express uses) does the `If-None-Match` matching: lists, weak tags,
 * `*`, and a request's own `Cache-Control: no-cache`.
 */
export function answerConditional(
  requestHeaders: Record<string, string | string[] | undefined>,
  reply: ValidatorReply,
  validators: { etag: string; cacheControl?: string },
): boolean {
  reply.header('etag', validators.etag);
  reply.header('cache-control', validators.cacheControl ?? PUBLIC_REVALIDATE);
  const notModified = fresh(requestHeaders, { etag: validators.etag });
  if (notModified) reply.status(304);
  return notModified;
}

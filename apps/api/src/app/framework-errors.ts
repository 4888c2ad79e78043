import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '@nss/contracts';

/**
 * Errors Fastify answers before a request reaches Nest (and its exception filter): a malformed URL, a path
 * parameter over the length limit. They get the same bilingual error shape as everything else, and do not echo
 * the offending URL back.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const body: ApiError =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? { statusCode: 414, code: 'URI_TOO_LONG', message: 'Đường dẫn quá dài', messageEn: 'URI too long' }
      : { statusCode: 400, code: 'BAD_URL', message: 'Đường dẫn không hợp lệ', messageEn: 'Malformed URL' };
  void reply.code(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}

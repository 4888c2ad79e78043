import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { ZodValidationException } from 'nestjs-zod';
import type { ApiError } from '@nss/contracts';
import { TooManyRequestsError } from './too-many-requests';
import { zodIssuesToApiIssues } from './zod-issues';
import { isDuplicateKeyError } from './duplicate-key';
import { DEFAULT_UNAVAILABLE_RETRY_AFTER, ServiceUnavailableError, unavailableDependency, type Dependency } from './dependency-unavailable';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

const STATUS_TEXT: Record<number, [string, string]> = {
  400: ['Yêu cầu không hợp lệ', 'Bad request'],
  401: ['Vui lòng đăng nhập', 'Please sign in'],
  403: ['Bạn không có quyền thực hiện thao tác này', 'You are not allowed to do this'],
  404: ['Không tìm thấy', 'Not found'],
  405: ['Phương thức không được hỗ trợ', 'Method not allowed'],
  406: ['Định dạng không được hỗ trợ', 'Not acceptable'],
  409: ['Xung đột dữ liệu', 'Conflict'],
  413: ['Dữ liệu gửi lên quá lớn', 'Payload too large'],
  415: ['Kiểu dữ liệu gửi lên không được hỗ trợ', 'Unsupported media type'],
  422: ['Không thể xử lý yêu cầu', 'Unprocessable request'],
  429: ['Quá nhiều yêu cầu, vui lòng thử lại sau', 'Too many requests, try again later'],
};

function plain(status: number, code: string, issues?: ApiError['issues']): ApiError {
  const [message, messageEn] = STATUS_TEXT[status] ?? ['Yêu cầu không hợp lệ', 'Request failed'];
  return { statusCode: status, code, message, messageEn, ...(issues ? { issues } : {}) };
}

function malformedJson(): ApiError {
  return { ...plain(400, 'MALFORMED_JSON'), message: 'Nội dung JSON không hợp lệ', messageEn: 'Malformed JSON body' };
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'code' in value && 'messageEn' in value;
}

/** Maps every thrown thing to the one error shape. Anything unexpected becomes a 500 whose id is in the log. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private readonly retryAfter: number;
  /** The dependencies reported away and not seen back yet: an outage is logged once per dependency, not per request. */
  private readonly away = new Map<Dependency, number>();

  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    this.retryAfter = config?.UNAVAILABLE_RETRY_AFTER_SECONDS ?? DEFAULT_UNAVAILABLE_RETRY_AFTER;
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const body = this.toBody(exception);
    if (exception instanceof TooManyRequestsError) reply.header('retry-after', String(exception.retryAfter));
    else if (exception instanceof ServiceUnavailableError) reply.header('retry-after', String(exception.retryAfter));
    else if (body.statusCode === 503) reply.header('retry-after', String(this.retryAfter));
    reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown): ApiError {
    if (exception instanceof ZodValidationException) {
      const zodError = exception.getZodError();
      const issues = zodError instanceof ZodError ? zodIssuesToApiIssues(zodError.issues) : [];
      return { ...plain(400, 'VALIDATION_FAILED', issues), message: 'Dữ liệu không hợp lệ', messageEn: 'Invalid input' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (isApiError(response)) return response;
      if (status >= 500) return this.internal(exception);
      // Fastify's JSON body errors (FST_ERR_CTP_INVALID_JSON_BODY / _EMPTY_JSON_BODY) reach us wrapped by Nest's
      // adapter as a bare HttpException carrying only Fastify's message.
      if (status === 400 && typeof response === 'string' && /content-type is set to 'application\/json'/.test(response)) return malformedJson();
      return plain(status, HttpStatus[status] ?? 'HTTP_ERROR');
    }
    const dependency = unavailableDependency(exception);
    if (dependency) return this.unavailable(dependency, exception);
    const known = this.fromLibraries(exception);
    return known ?? this.internal(exception);
  }

  /** A dependency away: 503 with Retry-After (set in `catch`); logged once a minute per dependency, not per request. */
  private unavailable(dependency: Dependency, exception: unknown): ApiError {
    const now = Date.now();
    if (now - (this.away.get(dependency) ?? 0) > 60_000) {
      this.away.set(dependency, now);
      const name = exception instanceof Error ? exception.name : typeof exception;
      this.logger.error(`${dependency} unavailable (${name}${topologyOf(exception)}): answering 503 SERVICE_UNAVAILABLE until it is back`);
    }
    return new ServiceUnavailableError(this.retryAfter, dependency).getResponse() as ApiError;
  }

  /** Errors raised by Fastify (body parsing, limits) and Mongoose (casts, duplicates) that are the caller's fault. */
  private fromLibraries(exception: unknown): ApiError | null {
    if (typeof exception !== 'object' || exception === null) return null;
    const error = exception as { name?: string; code?: unknown; statusCode?: unknown; path?: unknown; keyValue?: unknown };
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      const code = typeof error.code === 'string' ? error.code : 'BAD_REQUEST';
      if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.name === 'SyntaxError') {
        return malformedJson();
      }
      return plain(error.statusCode, code);
    }
    if (error.name === 'CastError') {
      return plain(400, 'VALIDATION_FAILED', [{ path: String(error.path ?? ''), message: 'Giá trị không hợp lệ / invalid value' }]);
    }
    if (isDuplicateKeyError(error)) {
      const fields = error.keyValue && typeof error.keyValue === 'object' ? Object.keys(error.keyValue) : [];
      return {
        ...plain(409, 'DUPLICATE'),
        message: 'Dữ liệu đã tồn tại',
        messageEn: 'Already exists',
        issues: fields.map((path) => ({ path, message: 'Giá trị đã được dùng / already taken' })),
      };
    }
    return null;
  }

  private internal(exception: unknown): ApiError {
    const errorId = randomUUID();
    const err = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ errorId, err }, `Unhandled error ${errorId}: ${err.message}`);
    return {
      statusCode: 500,
      code: 'INTERNAL',
      message: `Đã có lỗi hệ thống. Mã lỗi: ${errorId}`,
      messageEn: `Internal error. Error id: ${errorId}`,
      errorId,
    };
  }
}

/**
 * What the Mongo driver knew of its servers when it gave up choosing one (`reason.servers` of a
 * MongoServerSelectionError: address, type, last error), for an operator wondering why a process stays away after the
 * database came back. Empty for any other error.
 */
export function topologyOf(exception: unknown): string {
  const reason = (exception as { reason?: { servers?: unknown } } | null)?.reason;
  if (!(reason?.servers instanceof Map)) return '';
  const servers = [...reason.servers.values()].map((server: { address?: unknown; type?: unknown; error?: { message?: unknown } | null }) =>
    `${String(server.address)} ${String(server.type)}${server.error?.message ? ` (${String(server.error.message)})` : ''}`);
  return servers.length ? `; servers: ${servers.join(', ')}` : '';
}

import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiError, ApiIssue } from '@nss/contracts';

/**
 * An error meant for people: a Vietnamese message first, an English one second, a stable machine code, and the
 * fields at fault. Throw it from services; the exception filter turns it into the response body as is.
 */
export class AppError extends HttpException {
  constructor(status: number, code: string, message: string, messageEn: string, issues?: ApiIssue[]) {
    const body: ApiError = { statusCode: status, code, message, messageEn, ...(issues ? { issues } : {}) };
    super(body, status);
  }

  static badRequest(code: string, message: string, messageEn: string, issues?: ApiIssue[]): AppError {
    return new AppError(HttpStatus.BAD_REQUEST, code, message, messageEn, issues);
  }

  static invalidField(path: string, message: string, messageEn: string): AppError {
    return new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ', 'Invalid input', [
      { path, message: `${message} / ${messageEn}` },
    ]);
  }

  static notFound(what: string, whatEn: string): AppError {
    return new AppError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `Không tìm thấy ${what}`, `${whatEn} not found`);
  }

  static forbidden(message = 'Bạn không có quyền thực hiện thao tác này', messageEn = 'You are not allowed to do this'): AppError {
    return new AppError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message, messageEn);
  }

  static unauthorized(message = 'Vui lòng đăng nhập', messageEn = 'Please sign in'): AppError {
    return new AppError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', message, messageEn);
  }

  static conflict(code: string, message: string, messageEn: string): AppError {
    return new AppError(HttpStatus.CONFLICT, code, message, messageEn);
  }
}

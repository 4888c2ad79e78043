import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@nss/contracts';

export type { ApiError, ApiIssue } from '@nss/contracts';

/** Turns anything thrown by an API call into the API's error shape, so pages show one kind of error. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    if (isApiError(error.error)) return error.error;
    if (error.status === 0) {
      return {
        statusCode: 0,
        code: 'NETWORK',
        message: 'Không kết nối được máy chủ. Kiểm tra mạng và thử lại.',
        messageEn: 'Cannot reach the server. Check your connection and try again.',
      };
    }
    return {
      statusCode: error.status,
      code: `HTTP_${error.status}`,
      message: `Có lỗi xảy ra (mã ${error.status}). Vui lòng thử lại.`,
      messageEn: `Something went wrong (status ${error.status}). Please try again.`,
    };
  }
  return {
    statusCode: 0,
    code: 'CLIENT',
    message: 'Có lỗi xảy ra. Vui lòng thử lại.',
    messageEn: 'Something went wrong. Please try again.',
  };
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['statusCode'] === 'number' && typeof v['code'] === 'string' && typeof v['message'] === 'string';
}

import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from '@nss/server-core';

/**
 * Reads the one uploaded file of a multipart request (field `file`) into memory. @fastify/multipart enforces the
 * UPLOAD_MAX_BYTES limit while streaming (`throwFileSizeLimit`); its errors are mapped here to the bilingual 413/415
 * shapes instead of leaking as library errors.
 */
export async function readUploadedFile(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  if (!request.isMultipart()) throw unsupported();
  let data: Buffer;
  try {
    const part = await request.file();
    if (!part) throw AppError.invalidField('file', 'Chưa chọn ảnh', 'a file is required');
    if (part.fieldname !== 'file') throw AppError.invalidField(part.fieldname, 'Ảnh phải gửi trong trường "file"', 'send the image in field "file"');
    data = await part.toBuffer();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT') {
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', `Ảnh quá lớn (tối đa ${Math.floor(maxBytes / 1024 / 1024)} MB)`, `Image too large (max ${maxBytes} bytes)`, [
        { path: 'file', message: `Tối đa ${maxBytes} byte / at most ${maxBytes} bytes` },
      ]);
    }
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw unsupported();
    throw AppError.badRequest('MALFORMED_UPLOAD', 'Dữ liệu tải lên không hợp lệ', 'Malformed upload');
  }
  if (data.length === 0) throw AppError.invalidField('file', 'Tệp rỗng', 'the file is empty');
  return data;
}

function unsupported(): AppError {
  return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Cần gửi ảnh dạng multipart/form-data', 'Send the image as multipart/form-data');
}

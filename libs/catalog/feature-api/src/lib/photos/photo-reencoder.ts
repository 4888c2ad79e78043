import sharp from 'sharp';
import { AppError } from '@nss/server-core';
import { sniffImageType } from './image-type';

export interface ReencodedPhoto {
  data: Buffer;
  ext: 'jpg' | 'png' | 'webp';
  contentType: string;
}

/** Larger than any phone camera; a decompression bomb is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Decodes an upload and encodes it again in its own format, so what is stored is pixels only: EXIF (GPS position,
 * camera, time), XMP, IPTC and comments are dropped (sharp writes no metadata unless asked), the EXIF orientation is
 * applied to the pixels first, and anything that does not fully decode is refused with 415 before it is stored.
 */
export async function reencodePhoto(upload: Buffer): Promise<ReencodedPhoto> {
  const type = sniffImageType(upload.subarray(0, 16));
  if (!type) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Chỉ nhận ảnh JPEG, PNG hoặc WebP', 'Only JPEG, PNG or WebP images are accepted', [
      { path: 'file', message: 'Không phải ảnh JPEG/PNG/WebP / not a JPEG, PNG or WebP image' },
    ]);
  }
  try {
    const image = sharp(upload, { failOn: 'truncated', limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    const encoded = type.ext === 'jpg' ? image.jpeg({ quality: 88, mozjpeg: true }) : type.ext === 'png' ? image.png() : image.webp({ quality: 88 });
    return { data: await encoded.toBuffer(), ...type };
  } catch {
    throw new AppError(415, 'UNDECODABLE_IMAGE', 'Không đọc được ảnh (tệp hỏng hoặc quá lớn)', 'The image cannot be decoded (corrupt or too large)', [
      { path: 'file', message: 'Ảnh hỏng / corrupt image' },
    ]);
  }
}

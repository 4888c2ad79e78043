import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';

/**
 * The seed talks to the API through its own HTTP stack (Fastify inject, no open port), so demo data passes the same
 * validation, scoping and moderation rules as any client's.
 */
export class SeedClient {
  constructor(private readonly app: NestFastifyApplication) {}

  async call<T = unknown>(method: 'GET' | 'POST' | 'PATCH', url: string, token?: string, body?: unknown): Promise<T> {
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      payload: body !== undefined ? JSON.stringify(body) : undefined,
    });
    if (response.statusCode >= 400) {
      throw new Error(`seed: ${method} ${url} → ${response.statusCode} ${response.body.slice(0, 500)}`);
    }
    return (response.body ? JSON.parse(response.body) : undefined) as T;
  }

  async login(phone: string, password: string): Promise<string> {
    const tokens = await this.call<{ accessToken: string }>('POST', '/api/auth/login', undefined, { phone, password });
    return tokens.accessToken;
  }

  async uploadPhoto(productId: string, token: string, png: Buffer): Promise<void> {
    const boundary = `----nss${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await this.app.inject({
      method: 'POST',
      url: `/api/products/${productId}/photos`,
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    if (response.statusCode >= 400) throw new Error(`seed: photo upload → ${response.statusCode} ${response.body.slice(0, 300)}`);
  }
}

import { randomInt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * A loopback address other than 127.0.0.1 for a test's client socket: the whole 127.0.0.0/8 is local on Linux, so a
 * client bound to 127.23.4.5 really comes from there, and the API sees it as the socket address. Random, so test
 * files running in parallel against one Redis do not share per-client limits.
 */
export function aClientAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export interface RawResponse {
  status: number;
  body: unknown;
  headers: Record<string, unknown>;
}

const listening = new WeakMap<NestFastifyApplication, Promise<number>>();

/** The app's port on 127.0.0.1, listening from the first call on (closed with the app). */
function portOf(app: NestFastifyApplication): Promise<number> {
  let port = listening.get(app);
  if (!port) {
    port = app.listen(0, '127.0.0.1').then(() => (app.getHttpServer().address() as AddressInfo).port);
    listening.set(app, port);
  }
  return port;
}

/**
 * Sends one request over a real TCP connection whose client socket is bound to `from` (e.g. '127.0.0.2'): the
 * source address the API sees is a fact of the connection, as in production, never a header the client writes.
 */
export async function requestFrom(
  app: NestFastifyApplication,
  from: string,
  options: { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer },
): Promise<RawResponse> {
  const port = await portOf(app);
  const headers =
    options.payload !== undefined ? { ...options.headers, 'content-length': String(Buffer.byteLength(options.payload)) } : options.headers;
  return new Promise<RawResponse>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, localAddress: from, method: options.method, path: options.url, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON: keep the text */
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers as Record<string, unknown> });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.payload !== undefined) req.write(options.payload);
    req.end();
  });
}
